package fm.catalog.common.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Serialises the choice of slugs that could collide, so that a generated slug never makes a write
 * fail: two writes of "Kevin Goldsmith" at once both ask which of kevin-goldsmith, -2, ... are
 * free; the second asks only after the first has committed, and takes the next one.
 *
 * <p>The lock is a transaction-level advisory lock on the kind (a table) and a bucket of the root, where
 * the root is the slug without its numeric tails ("kevin-goldsmith-2" and "kevin-goldsmith" share
 * "kevin-goldsmith"), because every candidate a base can take has the base's root. Buckets (128 per
 * kind) bound what an import of 10,000 episodes holds in PostgreSQL's lock table; writes whose roots
 * share a bucket merely wait for each other. A transaction takes the locks it needs after the row
 * locks of what it changes, all of a kind in one statement, sorted, and the kinds in one order:
 * episodes, guests, topics, then links (whose slugs are made from their episodes'). Every path
 * takes them in that order, so they cannot deadlock.
 */
public final class SlugLocks {
    private static final Pattern NUMERIC_TAIL = Pattern.compile("(-[0-9]+)+$");
    private static final String LOCK = "select count(pg_advisory_xact_lock(hashtext(k), b)) "
            + "from (select distinct k, hashtext(r) & 127 as b from unnest(?::text[], ?::text[]) as u(k, r) order by k, b offset 0) s";

    private SlugLocks() {
    }

    /** The part every candidate made from this slug shares. */
    static String root(String slug) {
        String root = NUMERIC_TAIL.matcher(slug).replaceFirst("");
        return root.isEmpty() ? slug : root;
    }

    /** Locks, until the transaction ends, the roots of these slugs or bases, by kind (a table name). */
    public static void lock(Map<String, ? extends Collection<String>> slugsByKind) {
        List<String> kinds = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        slugsByKind.forEach((kind, slugs) -> slugs.forEach(slug -> {
            kinds.add(kind);
            roots.add(root(slug));
        }));
        if (roots.isEmpty()) {
            return;
        }
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
                statement.setArray(1, connection.createArrayOf("text", kinds.toArray()));
                statement.setArray(2, connection.createArrayOf("text", roots.toArray()));
                statement.executeQuery().close();
            }
        });
    }

    public static void lock(String kind, Collection<String> slugs) {
        lock(Map.of(kind, slugs));
    }
}
