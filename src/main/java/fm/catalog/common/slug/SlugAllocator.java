package fm.catalog.common.slug;

import fm.catalog.common.problem.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the slug of a new resource. A slug the client asked for must be free (409 otherwise); a
 * generated one takes the first free of base, base-2, base-3, ... asked of the database in
 * batches, so a popular title costs one query rather than one per taken number.
 */
public final class SlugAllocator {
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
        String base = Slugs.from(source, kind);
        for (int first = 1; ; first += BATCH) {
            List<String> candidates = new ArrayList<>(BATCH);
            for (int n = first; n < first + BATCH; n++) {
                candidates.add(Slugs.numbered(base, n));
            }
            Set<String> taken = takenAmong.apply(candidates);
            for (String candidate : candidates) {
                if (!taken.contains(candidate)) {
                    return candidate;
                }
            }
        }
    }
}
