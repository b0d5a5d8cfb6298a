package fm.catalog.importing;

import static fm.catalog.importing.ImportPeople.orEmpty;

import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.persistence.SlugLocks;
import fm.catalog.common.problem.Problem.FieldError;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.SlugAllocator;
import fm.catalog.common.slug.Slugs;
import fm.catalog.episode.Episode;
import fm.catalog.episode.StoredEpisodes;
import fm.catalog.importing.ImportDtos.ImportGuest;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.importing.ImportDtos.ImportTopic;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The slugs of a batch: locked as a single write locks them, those its episodes and links ask for
 * checked to be free, and the others made from titles around them.
 */
final class ImportSlugs {
    private final Connection connection;
    private final List<ImportItem> items;

    ImportSlugs(Connection connection, List<ImportItem> items) {
        this.connection = connection;
        this.items = items;
    }

    /**
     * Locks the slugs this import may take (SlugLocks), as a single write does, before it asks
     * which are free: the slugs of new episodes and their bases, and those of the guests and
     * topics it may create. Links' come later (ImportWriter): they are made from their episodes' slugs.
     */
    void lock(Map<Integer, Episode> rows, Map<String, StoredEpisodes.Row> existing) {
        Map<String, List<String>> slugs = new HashMap<>();
        for (var entry : rows.entrySet()) {
            ImportItem item = items.get(entry.getKey());
            if (!existing.containsKey(entry.getValue().guid)) {
                slugs.computeIfAbsent("episodes", k -> new ArrayList<>()).add(item.slug() != null ? item.slug() : Slugs.from(item.title(), "episode"));
            }
            for (ImportGuest g : orEmpty(item.guests())) {
                Ref ref = ImportPeople.refOf(g);
                if (ref != null && ref.slug() != null) slugs.computeIfAbsent("guests", k -> new ArrayList<>()).add(ref.slug());
            }
            for (ImportTopic t : orEmpty(item.topics())) {
                Ref ref = ImportPeople.refOf(t);
                if (ref != null && ref.slug() != null) slugs.computeIfAbsent("topics", k -> new ArrayList<>()).add(ref.slug());
            }
        }
        SlugLocks.lock(slugs);
    }

    /**
     * A slug an episode or link asks for must be free, as in a single write (a 409 there): an
     * episode fails when it asks for one another episode or link has, or one an earlier episode
     * of the batch asked for. A link may ask for the slug it has: its episode's link with the
     * same URL, which the import keeps. An episode the show has keeps its slug (an import does
     * not rename), so only new episodes ask.
     */
    void checkRequested(Map<Integer, Episode> rows, Map<String, StoredEpisodes.Row> existing, Map<Integer, List<FieldError>> failures)
            throws SQLException {
        Map<String, Integer> episodeSlugs = new HashMap<>();
        Map<String, int[]> linkSlugs = new HashMap<>();
        Map<Integer, List<FieldError>> errors = new TreeMap<>();
        for (var entry : rows.entrySet()) {
            int i = entry.getKey();
            if (failures.containsKey(i)) continue;
            ImportItem item = items.get(i);
            if (item.slug() != null && !existing.containsKey(entry.getValue().guid) && episodeSlugs.putIfAbsent(item.slug(), i) != null) {
                refuse(errors, i, "/episodes/" + i + "/slug", "repeats the slug of an earlier episode of this import");
            }
            List<InlineLinkInput> links = orEmpty(item.links());
            for (int j = 0; j < links.size(); j++) {
                if (links.get(j).slug() != null && linkSlugs.putIfAbsent(links.get(j).slug(), new int[] {i, j}) != null) {
                    refuse(errors, i, "/episodes/" + i + "/links/" + j + "/slug", "repeats the slug of an earlier link of this import");
                }
            }
        }
        if (!episodeSlugs.isEmpty()) {
            for (String slug : taken("episodes", List.copyOf(episodeSlugs.keySet()))) {
                int i = episodeSlugs.get(slug);
                refuse(errors, i, "/episodes/" + i + "/slug", "is already used by another episode ('" + slug + "')");
            }
        }
        if (!linkSlugs.isEmpty()) {
            for (Object[] r : Jdbc.query(connection, "select slug, episode_id, url from links where slug = any(?)", linkSlugs.keySet())) {
                int[] at = linkSlugs.get((String) r[0]);
                StoredEpisodes.Row episode = existing.get(rows.get(at[0]).guid);
                List<InlineLinkInput> links = orEmpty(items.get(at[0]).links());
                // the link ImportWriter keeps: the first of the episode's links with the stored link's URL
                boolean own = episode != null && r[1] != null && ((Number) r[1]).longValue() == episode.id()
                        && links.stream().map(InlineLinkInput::url).toList().indexOf((String) r[2]) == at[1];
                if (!own) {
                    refuse(errors, at[0], "/episodes/" + at[0] + "/links/" + at[1] + "/slug", "is already used by another link ('" + r[0] + "')");
                }
            }
        }
        failures.putAll(errors);
    }

    /**
     * Free slugs made from these bases (SlugAllocator), around the slugs of the table and those
     * this batch reserved (asked for, or kept): the caller has locked them.
     */
    List<String> allocate(String table, List<String> bases, Set<String> reserved) {
        return SlugAllocator.allocateAll(bases, c -> withRequested(taken(table, c), c, reserved));
    }

    private Set<String> taken(String table, List<String> candidates) {
        try {
            return Jdbc.query(connection, "select slug from " + table + " where slug = any(?)", candidates)
                    .stream().map(r -> (String) r[0]).collect(Collectors.toSet());
        } catch (SQLException e) {
            throw new PersistenceException("slug lookup failed", e);
        }
    }

    /** The candidates other resources use, with those this batch asked for. */
    private static Set<String> withRequested(Set<String> taken, List<String> candidates, Set<String> requested) {
        Set<String> all = new HashSet<>(taken);
        candidates.stream().filter(requested::contains).forEach(all::add);
        return all;
    }

    private static void refuse(Map<Integer, List<FieldError>> errors, int item, String pointer, String message) {
        errors.computeIfAbsent(item, k -> new ArrayList<>()).add(FieldError.atPointer(pointer, message));
    }
}
