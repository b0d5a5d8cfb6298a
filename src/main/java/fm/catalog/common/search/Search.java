package fm.catalog.common.search;

import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.paging.SortKey;
import fm.catalog.common.problem.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Builds search queries from what people type. */
public final class Search {
    private Search() {
    }

    /** Longer than any name (300 characters): a q past it cannot be a name someone types. */
    public static final int MAX_NAME_QUERY = 300;

    /**
     * A prefix tsquery for type-ahead over names ("kev gold" finds "Kevin Goldsmith"): every word
     * must start a word of the document. Only letters and digits are kept, so no input can break
     * the tsquery syntax. Null when nothing searchable is left.
     */
    private static String prefixQuery(String q) {
        String query = words(q).stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
        return query.isEmpty() ? null : query;
    }

    private static List<String> words(String q) {
        if (q == null) {
            return List.of();
        }
        return Arrays.stream(q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * A search of names that forgives small typos and matches word prefixes: "kevn goldsmit" and
     * "gold" both find "Kevin Goldsmith". Null when no q was given.
     *
     * @throws ApiException (400) when q is longer than any name
     */
    public static NameSearch names(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_NAME_QUERY) {
            throw ApiException.invalidParameter("q", "must be at most " + MAX_NAME_QUERY + " characters");
        }
        List<String> words = words(q);
        return new NameSearch(String.join(" ", words), prefixQuery(q));
    }

    /**
     * The words of a name search ({@code text}, lowercase letters and digits) and its prefix tsquery.
     * A row matches when a stretch of its name is like the text (pg_trgm's word_similarity, at its
     * default threshold of 0.6, by the name's GIN trigram index: V6), or when every word starts a word
     * of its search document (the full-text GIN index: what q did before, and what catches one- and
     * two-letter prefixes that have too few trigrams).
     */
    public record NameSearch(String text, String prefix) {

        /** Adds the match to a query over a table aliased {@code alias} with name and search_vector. */
        public void restrict(KeysetQuery query, String alias) {
            if (prefix == null) {
                // only punctuation: nothing to look for, so nothing is found (not every row)
                query.where("false");
                return;
            }
            query.where("(cast(:q as text) <% " + alias + ".name or " + alias + ".search_vector @@ to_tsquery('simple', :prefix))",
                    "q", text, "prefix", prefix);
        }

        /**
         * Best match first: how well the words occur in the name (word_similarity, 1 when they do as
         * typed), how much of the whole name they are (similarity: an exact name beats a longer one that
         * contains it), and 1 more when every word starts a word of the name, so that a correct prefix
         * ranks above any typo. A real, as the cursor carries it; ties go by id.
         */
        public SortKey relevance(String alias) {
            if (prefix == null) {
                return SortKey.desc("relevance", "cast(0 as real)", "real");
            }
            String name = alias + ".name";
            return SortKey.desc("relevance", "cast(word_similarity(cast(:q as text), " + name + ") + similarity(cast(:q as text), " + name
                    + ") + case when to_tsvector('simple', " + name + ") @@ to_tsquery('simple', :prefix) then 1 else 0 end as real)", "real");
        }
    }

    /**
     * The sort of a name list: relevance when q is given and no sort, {@code fallback} otherwise. The
     * relevance sort can be asked for by name, but only with a q.
     */
    public static SortKey sort(NameSearch search, String alias, String requested, SortKey fallback, List<SortKey> known) {
        SortKey relevance = search == null ? null : search.relevance(alias);
        List<SortKey> all = new java.util.ArrayList<>(known);
        all.add(relevance != null ? relevance : SortKey.desc("relevance", "", "real"));
        SortKey chosen = KeysetQuery.sort(requested, relevance != null ? relevance : fallback, all);
        if (relevance == null && chosen.name().equals("relevance")) {
            throw ApiException.invalidParameter("sort", "relevance needs a search (q)");
        }
        return chosen;
    }
}
