package fm.catalog.common.slug;

import fm.catalog.common.problem.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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

    /** Free slugs for a batch of base slugs, distinct within the batch. */
    public static List<String> allocateAll(List<String> bases, Function<List<String>, Set<String>> takenAmong) {
        Set<String> asked = new HashSet<>();
        Set<String> taken = new HashSet<>();
        List<String> first = new ArrayList<>();
        for (String base : new LinkedHashSet<>(bases)) {
            for (int n = 1; n <= FIRST_ASK; n++) {
                first.add(Slugs.numbered(base, n));
            }
        }
        if (!first.isEmpty()) {
            asked.addAll(first);
            taken.addAll(takenAmong.apply(first));
        }
        List<String> slugs = new ArrayList<>(bases.size());
        for (String base : bases) {
            for (int n = 1; ; n++) {
                String candidate = Slugs.numbered(base, n);
                if (!asked.contains(candidate)) {
                    List<String> more = new ArrayList<>(BATCH);
                    for (int m = n; m < n + BATCH; m++) {
                        more.add(Slugs.numbered(base, m));
                    }
                    asked.addAll(more);
                    taken.addAll(takenAmong.apply(more));
                }
                if (taken.add(candidate)) {
                    slugs.add(candidate);
                    break;
                }
            }
        }
        return slugs;
    }
}
