package fm.catalog.episode;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Problem.FieldError;
import fm.catalog.common.slug.Ref;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks of the guests and topics an episode names, and their messages: one definition for
 * single writes (EpisodeService answers the first problem as a 400) and imports (which fail the
 * episode with all of them). An entry names a guest or topic by ref; in an import it may instead
 * describe one (by name), to be created when nothing has its slug.
 */
public final class EpisodeRefs {
    private EpisodeRefs() {
    }

    /**
     * A guest or topic as an episode lists it: its ref (null when the entry gives none), and whether
     * it describes one to create when nothing has that ref.
     */
    public record Entry(Ref ref, boolean describes) {
        public static Entry of(Ref ref) {
            return new Entry(ref, false);
        }
    }

    /** The guests or topics that refs name, found by id or by slug, with what the caller keeps of each. */
    public static final class Known<T> {
        private final Map<Long, T> byId = new HashMap<>();
        private final Map<String, Long> idBySlug = new HashMap<>();

        public static <T> Known<T> of(Collection<T> found, Function<T, Long> id, Function<T, String> slug) {
            Known<T> known = new Known<>();
            found.forEach(t -> known.put(id.apply(t), slug.apply(t), t));
            return known;
        }

        public void put(long id, String slug, T value) {
            byId.put(id, value);
            idBySlug.put(slug, id);
        }

        /** The id of what the ref names, or null when nothing known has it. */
        public Long id(Ref ref) {
            if (ref.id() != null) {
                return byId.containsKey(ref.id()) ? ref.id() : null;
            }
            return idBySlug.get(ref.slug());
        }

        public boolean has(Ref ref) {
            return id(ref) != null;
        }

        /** What is kept of the one the ref names; null when nothing known has it. */
        public T get(Ref ref) {
            Long id = id(ref);
            return id == null ? null : byId.get(id);
        }
    }

    /** The ids and slugs to look up for these refs (those of entries without one are left out). */
    public static Set<Long> ids(Collection<Ref> refs) {
        return refs.stream().filter(Objects::nonNull).map(Ref::id).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    public static Set<String> slugs(Collection<Ref> refs) {
        return refs.stream().filter(Objects::nonNull).map(Ref::slug).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /**
     * The problems of the guests or topics an episode lists, at most one an entry, in their order:
     * an entry that gives no ref, names nothing known and describes nothing, or names one an
     * earlier entry named.
     *
     * @param pointer where the list sits in the request body ("/guests", "/episodes/3/topics")
     * @param kind "guest" or "topic"
     * @param describable whether entries may describe one instead (imports): what an entry without ref needs
     */
    public static List<FieldError> problems(String pointer, String kind, List<Entry> entries, Known<?> known, boolean describable) {
        List<FieldError> problems = new ArrayList<>();
        Set<Object> listed = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String problem = problem(entries.get(i), kind, known, listed, describable);
            if (problem != null) {
                problems.add(FieldError.atPointer(pointer + "/" + i, problem));
            }
        }
        return problems;
    }

    /**
     * What the refs of a single write name, in their order; a 400 for the first problem.
     *
     * @param pointer where the list sits in the request body ("/guests")
     */
    public static <T> List<T> resolve(String pointer, String kind, List<Ref> refs, Known<T> known) {
        List<FieldError> problems = problems(pointer, kind, refs.stream().map(Entry::of).toList(), known, false);
        if (!problems.isEmpty()) {
            throw ApiException.invalidField(problems.get(0).pointer(), problems.get(0).message());
        }
        return refs.stream().map(known::get).toList();
    }

    /** Why an entry cannot be used, or null when it can. */
    private static String problem(Entry entry, String kind, Known<?> known, Set<Object> listed, boolean describable) {
        if (entry.ref() == null) {
            return describable ? "needs a ref, id, slug or name" : "needs a ref, id or slug";
        }
        Long id = known.id(entry.ref());
        if (id == null && !entry.describes()) {
            return "names no " + kind + " ('" + entry.ref() + "')";
        }
        // one to create is known by its slug until it has an id
        Object identity = id != null ? id : entry.ref().slug();
        return listed.add(identity) ? null : "names a " + kind + " already listed";
    }
}
