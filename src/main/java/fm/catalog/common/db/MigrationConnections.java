package fm.catalog.common.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Flyway migrates at start through the application's pool, whose connections carry the requests'
 * statement_timeout (15 s) and socket timeout (catalog.db.socket-timeout, 90 s): both too short for a
 * migration that builds an index on a large table. So Flyway's connections lift the first
 * (quarkus.flyway.init-sql) and, through {@link Sockets}, the second; once Flyway is done those
 * connections are closed here, before the first request, so that no request ever runs on a
 * connection without its deadlines.
 */
@Singleton
class MigrationConnections {

    private final AgroalDataSource dataSource;
    private final Sockets sockets;

    MigrationConnections(AgroalDataSource dataSource, Sockets sockets) {
        this.dataSource = dataSource;
        this.sockets = sockets;
    }

    void closeAfterMigration(@Observes StartupEvent event) {
        sockets.migrating = false;
        // GRACEFUL: idle ones now, one in use when it is returned
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    /**
     * Until the application has started (Flyway runs before), a connection taken from the pool waits
     * for the server's answers as long as they take: the driver's socket timeout would otherwise
     * drop a migration statement that runs longer than it, and fail the start. Agroal gives the
     * connection its configured timeout back when it is returned.
     */
    @Singleton
    static class Sockets implements AgroalPoolInterceptor {
        /** Per start of the application (a bean's field, not a static: tests start several in one JVM). */
        volatile boolean migrating = true;

        @Override
        public void onConnectionAcquire(Connection connection) {
            if (migrating) {
                try {
                    connection.setNetworkTimeout(Runnable::run, 0);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot lift the socket timeout of a migration's connection", e);
                }
            }
        }
    }
}
