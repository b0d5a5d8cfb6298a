package fm.catalog.common.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Flyway migrates at start through the application's pool, whose connections carry the requests'
 * statement_timeout (15 s): too short for a migration that builds an index on a large table. So
 * Flyway's connections lift it (quarkus.flyway.init-sql), and once Flyway is done those connections
 * are closed here, before the first request, so that no request ever runs on a connection without
 * its deadline.
 */
@Singleton
class MigrationConnections {

    private final AgroalDataSource dataSource;

    MigrationConnections(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void closeAfterMigration(@Observes StartupEvent event) {
        // GRACEFUL: idle ones now, one in use when it is returned
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }
}
