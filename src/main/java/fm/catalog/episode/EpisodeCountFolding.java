package fm.catalog.episode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Folds the episode-count deltas that writes append (migration V9) into the counters every
 * {@value #INTERVAL_MILLIS} ms, on every instance: one fold at a time takes them (an advisory lock;
 * the others skip). Counts read are exact whether or not a fold ran; what waits for the fold is
 * the order of lists sorted by -episodeCount, and the deltas table staying small.
 */
@Singleton
public class EpisodeCountFolding {
    static final long INTERVAL_MILLIS = 250;
    /** Marked, so that counts of the statements a request runs can leave this background one out. */
    public static final String MARKER = "/* fold counts */";
    private static final Logger LOG = Logger.getLogger(EpisodeCountFolding.class);

    private final AgroalDataSource dataSource;
    private ScheduledExecutorService executor;

    public EpisodeCountFolding(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-count-folding");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::fold, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** One fold, now: how many counters it moved. */
    public int fold() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            try (var rs = statement.executeQuery("select " + MARKER + " catalog_fold_counts()")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException | RuntimeException e) {
            // the next run tries again; until then reads stay exact and only the order waits
            LOG.debugf("folding episode counts failed: %s", e.getMessage());
            return 0;
        }
    }
}
