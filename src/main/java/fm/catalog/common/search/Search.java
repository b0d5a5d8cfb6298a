package fm.catalog.common.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Builds search queries from what people type. */
public final class Search {
    private Search() {
    }

    /**
     * A prefix tsquery for type-ahead over names ("kev gold" finds "Kevin Goldsmith"): every word
     * must start a word of the document. Only letters and digits are kept, so no input can break
     * the tsquery syntax. Null when nothing searchable is left.
     */
    public static String prefixQuery(String q) {
        if (q == null) {
            return null;
        }
        String query = Arrays.stream(q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> w + ":*")
                .collect(Collectors.joining(" & "));
        return query.isEmpty() ? null : query;
    }
}
