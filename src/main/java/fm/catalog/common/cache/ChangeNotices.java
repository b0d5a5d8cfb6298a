package fm.catalog.common.cache;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells the response cache of every change to the catalog, whichever instance made it.
 *
 * <p>Triggers on the catalog's tables (migration V7) send a NOTIFY on {@value #CHANNEL}; PostgreSQL
 * delivers it to every listening session when the writing transaction commits. This instance
 * listens on a connection of its own, outside the pool, and empties the cache on each notice. It
 * also learns from the database, on that same connection, when the next scheduled episode falls
 * due by the database's clock: the cache stands aside from 100 ms before that moment to 100 ms after
 * it and starts empty (such an episode appears without any write; see ResponseCache#quietAround).
 *
 * <p>The connection is asked something at least every {@value #POLL_MILLIS} ms, so a dead one is
 * noticed within its 1 s socket timeout (a silent network, say: a restarted server resets it at once),
 * which keeps missed notices near the one-second bound (the server stops that query at the same
 * bound: statement_timeout). While the database is down it tries again once a second, and says so
 * in the log once per outage. Notices sent while no session listens are lost, so the cache is
 * off from the moment the connection fails until a new one listens, and starts empty.
 */
@Singleton
public class ChangeNotices {

    public static final String CHANNEL = "catalog_changes";
    static final int POLL_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(ChangeNotices.class);
    static final String APPLICATION_NAME = "catalog-change-notices";
    /** How long around a due time the cache stands aside: more than the due query can take. */
    private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Marked, so that counts of the statements a request runs can leave this background query out.
     * Inside the statement: pg_stat_statements drops a comment that comes before it.
     */
    public static final String MARKER = "/* change notices */";
    private static final String NEXT_DUE = "select " + MARKER + " d, (extract(epoch from d - now()) * 1000000)::bigint"
            + " from (select min(published_at) d from episodes where status <> 'draft' and published_at > now() - interval '100 milliseconds') n";

    private final ResponseCache cache;
    private final Optional<String> url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public ChangeNotices(ResponseCache cache,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.cache = cache;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        if (url.isEmpty()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "catalog-change-notices");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            closeQuietly();
            thread.join(TimeUnit.SECONDS.toMillis(2));
        }
    }

    /** Whether this outage was told in the log: once per outage, however many attempts it takes. */
    private boolean warned;

    private void run() {
        while (running) {
            try {
                listen();
            } catch (SQLException e) {
                if (running && !warned) {
                    LOG.warnf("Not listening to catalog changes (%s); answers are not cached until a connection listens again", e.getMessage());
                    warned = true;
                }
            } finally {
                if (running) {
                    cache.listening(false);
                }
                closeQuietly();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Listens until the connection fails or the application stops. */
    private void listen() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("socketTimeout", "1");
        properties.setProperty("tcpKeepAlive", "true");
        // the server stops the due query just before the socket timeout would give up on it anyway
        properties.setProperty("options", "-c statement_timeout=900");
        connection = DriverManager.getConnection(url.get(), properties);
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen " + CHANNEL);
        }
        PGConnection notices = connection.unwrap(PGConnection.class);
        cache.listening(true);
        LOG.debug("Listening to catalog changes");
        Instant emptiedFor = null;
        while (running) {
            // asked on every round, so that it is also the heartbeat of the connection
            Due due = nextDue();
            if (warned) {
                // said once the connection has answered, so that one that fails at once says nothing
                LOG.info("Listening to catalog changes again; answers are cached again");
                warned = false;
            }
            cache.quietAround(due == null ? null : due.at(), MARGIN_NANOS);
            long wait = POLL_MILLIS;
            if (due != null) {
                long now = System.nanoTime();
                if (now - (due.at() - MARGIN_NANOS) >= 0) {
                    if (!due.publishedAt().equals(emptiedFor)) {
                        cache.invalidateAll(ResponseCache.Reason.DUE);
                        emptiedFor = due.publishedAt();
                    }
                    wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(due.at() + MARGIN_NANOS - now) + 1);
                } else {
                    wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(due.at() - MARGIN_NANOS - now) + 1);
                }
            }
            PGNotification[] received = notices.getNotifications((int) Math.max(1, wait));
            if (received != null && received.length > 0) {
                cache.invalidateAll(ResponseCache.Reason.NOTICE);
            }
        }
    }

    /** A scheduled episode's publishedAt and that moment on this JVM's System.nanoTime(). */
    private record Due(Instant publishedAt, long at) {
    }

    /**
     * The next scheduled episode to fall due, or one that fell due less than the margin ago; null if
     * none. Its moment is reckoned from when the answer arrives, so late by the query's time.
     */
    private Due nextDue() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(NEXT_DUE)) {
            long arrived = System.nanoTime();
            rows.next();
            OffsetDateTime publishedAt = rows.getObject(1, OffsetDateTime.class);
            if (publishedAt == null) {
                return null;
            }
            long micros = rows.getLong(2);
            return new Due(publishedAt.toInstant(), arrived + TimeUnit.MICROSECONDS.toNanos(micros));
        }
    }

    private void closeQuietly() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // it is being replaced because it failed
            }
        }
    }
}
