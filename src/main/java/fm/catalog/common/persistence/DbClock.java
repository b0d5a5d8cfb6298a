package fm.catalog.common.persistence;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.hibernate.Session;

/**
 * The one clock of the catalog: PostgreSQL's {@code now()}, the start of the current transaction.
 * Every time the catalog records (createdAt, updatedAt, a default publishedAt) or compares (is a
 * scheduled episode due, updatedSince) comes from it, so that every instance agrees and that what a
 * write stamps equals what its SQL compares with. Asked once per transaction, then remembered.
 */
public final class DbClock {
    private static final Object KEY = DbClock.class;

    private DbClock() {
    }

    /** The current transaction's {@code now()}; there must be a transaction. */
    public static Instant now() {
        TransactionSynchronizationRegistry registry = Arc.container().instance(TransactionSynchronizationRegistry.class).get();
        if (registry.getTransactionKey() == null) {
            throw new IllegalStateException("the database clock is read inside a transaction");
        }
        Instant now = (Instant) registry.getResource(KEY);
        if (now == null) {
            // plain JDBC on the session's connection: a query through the session would flush it first
            now = Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select now()")) {
                    rs.next();
                    return rs.getObject(1, OffsetDateTime.class).toInstant();
                }
            });
            registry.putResource(KEY, now);
        }
        return now;
    }
}
