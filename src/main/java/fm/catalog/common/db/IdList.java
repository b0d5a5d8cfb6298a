package fm.catalog.common.db;

import java.util.Arrays;
import java.util.Collection;
import java.util.StringJoiner;

/**
 * A list of ids for an HQL {@code in}, bound one parameter each rather than as one collection.
 *
 * <p>Hibernate (7.2) keeps a query's plan but translates its HQL to SQL again on every execution when a
 * parameter is bound to a collection. On a cache miss of one episode, whose guests, topics, chapters and
 * links are each read by episode ids, that translation was a fifth of the CPU (JFR). Single parameters,
 * their number padded to the next power of two by repeating the last id, give each query a handful of
 * query strings that Hibernate translates once each and then reuses; PostgreSQL sees the same few
 * statements. A list longer than {@link #MAX_PADDED} (an import's) is bound as one collection, as before.
 *
 * <p>Use it as the query's only parameters: {@code list(ids.in("episode.id") + " order by position", ids.values())}.
 */
public final class IdList {

    static final int MAX_PADDED = 256;
    /** The placeholders of 1, 2, 4, ... MAX_PADDED parameters: "(?1)", "(?1, ?2)", ... */
    private static final String[] PADDED = new String[Integer.numberOfTrailingZeros(MAX_PADDED) + 1];

    static {
        for (int i = 0; i < PADDED.length; i++) {
            StringJoiner placeholders = new StringJoiner(", ", "(", ")");
            for (int p = 1; p <= 1 << i; p++) {
                placeholders.add("?" + p);
            }
            PADDED[i] = placeholders.toString();
        }
    }

    private final String placeholders;
    private final Object[] values;

    private IdList(String placeholders, Object[] values) {
        this.placeholders = placeholders;
        this.values = values;
    }

    /** The ids; none gives one parameter bound to 0, which no row's id is (ids start at 1). */
    public static IdList of(Collection<Long> ids) {
        if (ids.size() > MAX_PADDED) {
            return new IdList("?1", new Object[] {ids});
        }
        int size = Math.max(1, ids.size());
        int bucket = 32 - Integer.numberOfLeadingZeros(size - 1); // ceil(log2(size))
        Object[] values = new Object[1 << bucket];
        int i = 0;
        for (Long id : ids) {
            values[i++] = id;
        }
        Arrays.fill(values, i, values.length, i == 0 ? (Object) 0L : values[i - 1]);
        return new IdList(PADDED[bucket], values);
    }

    /**
     * {@code path in (?1, ?2, ...)}; {@code path = ?1} for one id, since Hibernate takes the lone parameter of
     * {@code in (?1)} for one that may be bound to a collection, and translates that query each time too.
     */
    public String in(String path) {
        return values.length == 1 && !(values[0] instanceof Collection) ? path + " = ?1" : path + " in " + placeholders;
    }

    /** The values of the parameters, in order. */
    public Object[] values() {
        return values;
    }
}
