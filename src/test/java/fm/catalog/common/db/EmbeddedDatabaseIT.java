package fm.catalog.common.db;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged jar (prod profile, separate process) over the embedded PostgreSQL of the test JVM. */
@QuarkusIntegrationTest
class EmbeddedDatabaseIT extends EmbeddedDatabaseTest {
}
