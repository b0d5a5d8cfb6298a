package fm.catalog.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged jar, run with the prod profile. */
@QuarkusIntegrationTest
class ProblemsIT extends ProblemsTest {
}
