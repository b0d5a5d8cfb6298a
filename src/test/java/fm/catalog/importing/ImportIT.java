package fm.catalog.importing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged jar, run with the prod profile. */
@QuarkusIntegrationTest
class ImportIT extends ImportTest {
}
