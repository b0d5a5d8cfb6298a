package fm.catalog.common.slug;

import fm.catalog.common.problem.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the slugs of new resources. A slug the client asked for must be free (409 otherwise); a
 * generated one takes the first free of base, base-2, base-3, ... The database is asked about
 * candidates in batches, so a popular title or a whole import costs one query, not one per slug.
 */
public final class SlugAllocator {
    private static final int FIRST_ASK = 3;
    private static final int BATCH = 25;

    private SlugAllocator() {
    }

    /**
     * @param takenAmong answers which of the candidate slugs other resources of the kind already use
     */
    public static String allocate(String requested, String source, String kind, Function<List<String>, Set<String>> takenAmong) {
        if (requested != null) {
            if (!takenAmong.apply(List.of(requested)).isEmpty()) {
                throw ApiException.conflict("The slug '" + requested + "' is already used by another " + kind + ".");
            }
            return requested;
        }
        return allocateAll(List.of(Slugs.from(source, kind)), takenAmong).get(0);
    }

    /**
     * Free slugs for a batch of base slugs, distinct within the batch. Each base continues from the
     * last number it gave, and the database is asked about as many candidates as the batch needs of
     * that base, so a thousand links titled "Chapters" cost a query or two, not a thousand.
     */
    public static List<String> allocateAll(List<String> bases, Function<List<String>, Set<String>> takenAmong) {
        Map<String, Integer> wanted = new HashMap<>();
        bases.forEach(base -> wanted.merge(base, 1, Integer::sum));
        Map<String, Integer> askedUpTo = new HashMap<>();
        Set<String> taken = new HashSet<>();
        List<String> first = new ArrayList<>();
        wanted.forEach((base, count) -> {
            int upTo = count + FIRST_ASK - 1;
            for (int n = 1; n <= upTo; n++) {
                first.add(Slugs.numbered(base, n));
            }
            askedUpTo.put(base, upTo);
        });
        if (!first.isEmpty()) {
            taken.addAll(takenAmong.apply(first));
        }
        Map<String, Integer> next = new HashMap<>();
        List<String> slugs = new ArrayList<>(bases.size());
        for (String base : bases) {
            for (int n = next.getOrDefault(base, 1); ; n++) {
                if (n > askedUpTo.get(base)) {
                    int from = n;
                    int upTo = n + Math.max(BATCH, wanted.get(base)) - 1;
                    List<String> more = new ArrayList<>();
                    for (int m = from; m <= upTo; m++) {
                        more.add(Slugs.numbered(base, m));
                    }
                    taken.addAll(takenAmong.apply(more));
                    askedUpTo.put(base, upTo);
                }
                String candidate = Slugs.numbered(base, n);
                if (taken.add(candidate)) {
                    slugs.add(candidate);
                    next.put(base, n + 1);
                    break;
                }
            }
        }
        return slugs;
    }
}
