package fm.catalog.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * Statements the application ran, as PostgreSQL counts them (pg_stat_statements, which the embedded
 * server loads): for reads and writes on JDBC, which Hibernate's statistics do not see. Left out:
 * the settings the driver sends on each new connection, which count only when the pool grows, and its
 * look-ups of a type it has not met on that connection yet (pg_catalog.pg_type: the categories array of
 * a feed), which count only on the connection's first such request, whichever the pool hands out; the
 * transactions' framing (BEGIN, COMMIT, ROLLBACK), the same for every request, and counted unevenly:
 * pg_stat_statements recorded the ROLLBACK of one feed's read and not of the next one's (7
 * statements against 6, on CI); and the response cache's listener, which asks every 250 ms whatever
 * runs.
 */
public final class StatementCounts {
    private StatementCounts() {
    }

    /** Skips the test when the server does not load pg_stat_statements (another server the suite is pointed at). */
    public static void assumeCounted(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select current_setting('shared_preload_libraries') like '%pg_stat_statements%'")) {
                rs.next();
                Assumptions.assumeTrue(rs.getBoolean(1), "the server does not load pg_stat_statements");
            }
            s.execute("create extension if not exists pg_stat_statements");
        }
    }

    public static void reset(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** Statements since the last reset, but those whose text contains {@code leftOut} (a marker), if given. */
    public static long since(DataSource dataSource, String leftOut) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(calls), 0) from pg_stat_statements "
                     + "where dbid = (select oid from pg_database where datname = current_database()) "
                     + (leftOut == null ? "" : "and query not like '%" + leftOut + "%' ")
                     + "and query not ilike 'set extra_float_digits%' and query not ilike 'set application_name%' "
                     + "and query not like '%pg_stat_statements%' and query not like '%pg_catalog.pg_type%' "
                     + "and query !~* '^\\s*(begin|start transaction|commit|rollback|end)\\s*;?\\s*$' "
                     // the background work of every instance: the change listener's heartbeat and the fold of episode counts
                     + "and query not like '%" + fm.catalog.common.cache.ChangeNotices.MARKER + "%' and query not ilike 'listen %' "
                     + "and query not like '%" + fm.catalog.episode.EpisodeCountFolding.MARKER + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
