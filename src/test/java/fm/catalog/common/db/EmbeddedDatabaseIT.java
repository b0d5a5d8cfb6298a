package fm.catalog.common.db;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/** The packaged jar (prod profile, separate process) over the embedded PostgreSQL of the test JVM. */
@QuarkusIntegrationTest
@DisabledIfEnvironmentVariable(named = "QUARKUS_DATASOURCE_JDBC_URL", matches = ".+")
class EmbeddedDatabaseIT extends EmbeddedDatabaseTest {
}
