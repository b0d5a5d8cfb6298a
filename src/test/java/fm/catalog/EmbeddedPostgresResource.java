package fm.catalog;

import fm.catalog.common.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;

/**
 * Gives @QuarkusIntegrationTest a database. The packaged jar runs with the prod profile in its own
 * process, where EmbeddedDatabaseConfigSourceFactory deliberately does nothing, so the server is
 * started here, in the test JVM, and its URL is handed to the jar: Quarkus passes the properties
 * returned by {@link #start()} to the launched application as system properties. The prod code path
 * is thus tested as deployed, with only the connection settings coming from outside, as
 * QUARKUS_DATASOURCE_* do in production.
 *
 * <p>GLOBAL scope, declared on this class, applies it to every @QuarkusTest and
 * @QuarkusIntegrationTest without annotating them. For @QuarkusTest it is redundant but harmless:
 * the application runs in this same JVM and gets the same server and database.
 *
 * <p>A URL given from outside (QUARKUS_DATASOURCE_JDBC_URL or -Dquarkus.datasource.jdbc.url) wins:
 * then nothing is started and the tests run against that database.
 */
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        if (isSet(System.getenv("QUARKUS_DATASOURCE_JDBC_URL")) || isSet(System.getProperty("quarkus.datasource.jdbc.url"))) {
            return Map.of();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", EmbeddedDatabase.jdbcUrl(EmbeddedDatabase.TEST_DATABASE),
                "quarkus.datasource.username", EmbeddedDatabase.username(),
                "quarkus.datasource.password", EmbeddedDatabase.password());
    }

    @Override
    public void stop() {
        // Left running: Quarkus restarts resources with the application (e.g. per @TestProfile), and
        // one server per JVM is cheaper. EmbeddedDatabase's shutdown hook stops it when the JVM exits.
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
