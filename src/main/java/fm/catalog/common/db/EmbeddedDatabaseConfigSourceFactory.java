package fm.catalog.common.db;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the default datasource at {@link EmbeddedDatabase} in dev mode and in tests, so that
 * both run over a real PostgreSQL without Docker (Quarkus Dev Services would need it).
 *
 * <p>Registered in META-INF/services, so SmallRye Config runs it wherever the application's
 * configuration is built: in the app, but also inside Maven (augmentation of the prod jar by
 * {@code mvn package}), in the failsafe JVM, and in production. Hence the guards: it contributes
 * nothing unless the profile is dev or test and nobody configured a JDBC URL (application.properties,
 * QUARKUS_DATASOURCE_JDBC_URL, -D...), and even then the server starts only when the URL is first
 * read, which Quarkus does while augmenting the dev or test application in its own JVM, not
 * when a tool merely assembles the configuration.
 *
 * <p>zonky is a provided dependency (pom.xml): on the classpath of dev mode and the tests, absent
 * from the packaged application. So the last guard: without it (the packaged jar run in the dev
 * profile, say) nothing is contributed and the datasource needs a URL, as in production; no class
 * of zonky is ever loaded there.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";

    /** Below application.properties (250), env (300) and system properties (400): anything configured wins. */
    static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        // test before dev: continuous testing runs the test profile inside the dev JVM
        String database = profiles.contains("test") ? EmbeddedDatabase.TEST_DATABASE
                : profiles.contains("dev") ? EmbeddedDatabase.DEV_DATABASE
                : null;
        if (database == null || isUrlConfigured(context, profiles) || !embeddedPostgresPresent()) {
            return List.of();
        }
        return List.of(new LazySource(database));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** Whether zonky is on the classpath, asked without initialising (or, when absent, failing on) any of it. */
    static boolean embeddedPostgresPresent() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false, EmbeddedDatabaseConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean isUrlConfigured(ConfigSourceContext context, List<String> profiles) {
        if (hasValue(context.getValue(URL))) {
            return true;
        }
        // the context may not resolve profile-prefixed keys (%dev.quarkus.datasource.jdbc.url) itself
        for (String profile : profiles) {
            if (hasValue(context.getValue("%" + profile + "." + URL))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasValue(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    /** Starts the server on the first read of the URL, not when the configuration is assembled. */
    static final class LazySource implements ConfigSource {

        private final String database;

        LazySource(String database) {
            this.database = database;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(URL, USERNAME, PASSWORD);
        }

        @Override
        public Map<String, String> getProperties() {
            // only for tools that dump the whole configuration: the URL would start the server
            return Map.of(USERNAME, EmbeddedDatabase.username(), PASSWORD, EmbeddedDatabase.password());
        }

        @Override
        public String getValue(String propertyName) {
            return switch (propertyName) {
                case URL -> EmbeddedDatabase.jdbcUrl(database);
                case USERNAME -> EmbeddedDatabase.username();
                case PASSWORD -> EmbeddedDatabase.password();
                default -> null;
            };
        }

        @Override
        public String getName() {
            return "EmbeddedDatabase[" + database + "]";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }
}
