package fm.catalog.common.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * The application runs over the embedded PostgreSQL; EmbeddedDatabaseIT runs the same checks on the
 * packaged jar. Skipped when the tests are pointed at another server (QUARKUS_DATASOURCE_JDBC_URL),
 * which is how the suite is run against, say, Debian's PostgreSQL 15.
 */
@QuarkusTest
@DisabledIfEnvironmentVariable(named = "QUARKUS_DATASOURCE_JDBC_URL", matches = ".+")
class EmbeddedDatabaseTest {

    @Test
    void readinessIsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void applicationIsConnectedToTheEmbeddedDatabaseAndMigratedIt() throws SQLException {
        // the health check above opens the pool; make sure it has run whatever the test order
        given().when().get("/q/health/ready").then().statusCode(200);
        try (Connection connection = connect()) {
            assertTrue(count(connection, "select count(*) from pg_stat_activity"
                    + " where datname = current_database() and pid <> pg_backend_pid()") > 0,
                    "the application holds connections to " + EmbeddedDatabase.TEST_DATABASE);
            assertTrue(count(connection, "select count(*) from flyway_schema_history where success") > 0,
                    "Flyway migrated " + EmbeddedDatabase.TEST_DATABASE);
        }
    }

    @Test
    @DisabledOnIntegrationTest("the packaged application's configuration is not reachable from the test JVM")
    void datasourceUrlPointsAtTheEmbeddedServer() throws SQLException {
        long port;
        try (Connection connection = connect()) {
            // the port the server itself reports: zonky picks a free one, so it is the only part not written here
            port = count(connection, "select current_setting('port')::int");
        }
        assertEquals("jdbc:postgresql://localhost:" + port + "/catalog_test",
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        assertEquals("postgres", ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class));
    }

    private static Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", EmbeddedDatabase.username());
        credentials.setProperty("password", EmbeddedDatabase.password());
        return new org.postgresql.Driver().connect(EmbeddedDatabase.jdbcUrl(EmbeddedDatabase.TEST_DATABASE), credentials);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
