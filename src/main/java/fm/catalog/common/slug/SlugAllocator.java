package fm.catalog.common.slug;

import fm.catalog.common.problem.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
     * Free slugs for a batch of base slugs, distinct within the batch, in the batch's order. The
     * database is asked in rounds, each one query for every base still short of free candidates:
     * first as many candidates as the batch needs of each base (and two more), then more for the
     * bases whose candidates were all taken, twice as many each round up to a batch of 25. So a
     * thousand links titled "Chapters", or a feed imported again into another show (every title's
     * first slugs taken), cost a few queries, not one per slug.
     */
    public static List<String> allocateAll(List<String> bases, Function<List<String>, Set<String>> takenAmong) {
        String[] slugs = new String[bases.size()];
        Map<String, Integer> lacking = new LinkedHashMap<>();
        bases.forEach(base -> lacking.merge(base, 1, Integer::sum));
        Map<String, Integer> askedUpTo = new HashMap<>();
        Map<String, Integer> next = new HashMap<>();
        // taken by other resources, or given to an earlier slug of this batch
        Set<String> taken = new HashSet<>();
        while (!lacking.isEmpty()) {
            List<String> ask = new ArrayList<>();
            lacking.forEach((base, count) -> {
                int asked = askedUpTo.getOrDefault(base, 0);
                int more = asked == 0 ? count + FIRST_ASK - 1 : Math.max(count, Math.min(asked, BATCH));
                for (int n = asked + 1; n <= asked + more; n++) {
                    ask.add(Slugs.numbered(base, n));
                }
                askedUpTo.put(base, asked + more);
            });
            taken.addAll(takenAmong.apply(ask));
            lacking.clear();
            for (int i = 0; i < slugs.length; i++) {
                if (slugs[i] != null) {
                    continue;
                }
                String base = bases.get(i);
                // only candidates asked about under this base: the others are not known to be free
                for (int n = next.getOrDefault(base, 1); n <= askedUpTo.get(base) && slugs[i] == null; n++) {
                    next.put(base, n + 1);
                    String candidate = Slugs.numbered(base, n);
                    if (taken.add(candidate)) {
                        slugs[i] = candidate;
                    }
                }
                if (slugs[i] == null) {
                    lacking.merge(base, 1, Integer::sum);
                }
            }
        }
        return List.of(slugs);
    }
}
