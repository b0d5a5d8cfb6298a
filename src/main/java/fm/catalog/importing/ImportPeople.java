package fm.catalog.importing;

import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.problem.Problem.FieldError;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.Slugs;
import fm.catalog.episode.EpisodeDtos.GuestCredit;
import fm.catalog.episode.EpisodeRefs;
import fm.catalog.episode.EpisodeRefs.Entry;
import fm.catalog.episode.EpisodeRefs.Known;
import fm.catalog.importing.ImportDtos.ImportGuest;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.importing.ImportDtos.ImportTopic;
import fm.catalog.importing.ImportSql.Columns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The guests and topics a batch names: looked up once for the whole batch, checked as a single
 * write checks them (EpisodeRefs), and those it describes and nobody has yet, created. Each is
 * known by id and slug with its name, for the search documents.
 */
final class ImportPeople {
    private final Connection connection;
    private final Known<String> guests = new Known<>();
    private final Known<String> topics = new Known<>();
    // sorted by slug: parallel imports insert the same new guests in one order, so neither waits
    // for the other's row while holding one the other waits for
    private final Map<String, ImportGuest> newGuests = new TreeMap<>();
    private final Map<String, ImportTopic> newTopics = new TreeMap<>();

    ImportPeople(Connection connection) {
        this.connection = connection;
    }

    /** Looks up every guest and topic the batch names, in one query each; unknown refs fail their episode. */
    void resolve(List<ImportItem> items, Map<Integer, List<FieldError>> failures) throws SQLException {
        List<Ref> guestRefs = new ArrayList<>();
        List<Ref> topicRefs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (failures.containsKey(i)) continue;
            orEmpty(items.get(i).guests()).forEach(g -> guestRefs.add(refOf(g)));
            orEmpty(items.get(i).topics()).forEach(t -> topicRefs.add(refOf(t)));
        }
        load("guests", EpisodeRefs.ids(guestRefs), EpisodeRefs.slugs(guestRefs), guests);
        load("topics", EpisodeRefs.ids(topicRefs), EpisodeRefs.slugs(topicRefs), topics);
        for (int i = 0; i < items.size(); i++) {
            if (failures.containsKey(i)) continue;
            List<ImportGuest> itemGuests = orEmpty(items.get(i).guests());
            List<ImportTopic> itemTopics = orEmpty(items.get(i).topics());
            List<FieldError> errors = new ArrayList<>(EpisodeRefs.problems("/episodes/" + i + "/guests", "guest",
                    itemGuests.stream().map(g -> new Entry(refOf(g), describes(g.ref(), g.id(), g.name()))).toList(), guests, true));
            errors.addAll(EpisodeRefs.problems("/episodes/" + i + "/topics", "topic",
                    itemTopics.stream().map(t -> new Entry(refOf(t), describes(t.ref(), t.id(), t.name()))).toList(), topics, true));
            if (!errors.isEmpty()) {
                failures.put(i, errors);
                continue;
            }
            // only an episode that can be written creates guests and topics
            for (ImportGuest g : itemGuests) {
                if (!guests.has(refOf(g))) newGuests.putIfAbsent(refOf(g).slug(), g);
            }
            for (ImportTopic t : itemTopics) {
                if (!topics.has(refOf(t))) newTopics.putIfAbsent(refOf(t).slug(), t);
            }
        }
    }

    private void load(String table, Set<Long> idSet, Set<String> slugSet, Known<String> into) throws SQLException {
        if (idSet.isEmpty() && slugSet.isEmpty()) {
            return;
        }
        for (Object[] row : Jdbc.query(connection, "select id, slug, name from " + table + " where id = any(?) or slug = any(?)",
                idSet.isEmpty() ? List.of(-1L) : idSet, slugSet.isEmpty() ? List.of("") : slugSet)) {
            into.put(((Number) row[0]).longValue(), (String) row[1], (String) row[2]);
        }
    }

    /**
     * Creates the guests and topics the batch describes and nobody has yet. A parallel import may
     * create the same slug first: then its row is kept (on conflict do nothing) and used.
     */
    void create() throws SQLException {
        if (!newGuests.isEmpty()) {
            insert(newGuests, guests, ImportGuest::name).add("text", newGuests.values().stream().map(ImportGuest::headline).toList())
                    .add("text", newGuests.values().stream().map(ImportGuest::organization).toList())
                    .add("text", newGuests.values().stream().map(ImportGuest::imageUrl).toList())
                    .add("text", newGuests.values().stream().map(ImportGuest::websiteUrl).toList())
                    .execute(ImportSql.INSERT_GUESTS);
            load("guests", Set.of(), newGuests.keySet(), guests);
        }
        if (!newTopics.isEmpty()) {
            insert(newTopics, topics, ImportTopic::name).add("text", newTopics.values().stream().map(ImportTopic::description).toList())
                    .execute(ImportSql.INSERT_TOPICS);
            load("topics", Set.of(), newTopics.keySet(), topics);
        }
    }

    /** The columns every new guest or topic has (id, slug, name), each known by its new id until the insert tells. */
    private <T> Columns insert(Map<String, T> created, Known<String> known, Function<T, String> name) throws SQLException {
        List<Long> idList = ImportSql.ids(connection, created.size());
        Iterator<Long> next = idList.iterator();
        created.forEach((slug, t) -> known.put(next.next(), slug, name.apply(t).strip()));
        return new Columns(connection).add("int8", idList).add("text", created.keySet())
                .add("text", created.values().stream().map(t -> name.apply(t).strip()).toList());
    }

    /** The item's guests as a single write names them: by id, with their roles. */
    List<GuestCredit> credits(ImportItem item) {
        return orEmpty(item.guests()).stream().map(g -> new GuestCredit(Ref.of(guests.id(refOf(g))), null, null, g.role())).toList();
    }

    /** The item's topics as a single write names them: by id. */
    List<Ref> topics(ImportItem item) {
        return orEmpty(item.topics()).stream().map(t -> Ref.of(topics.id(refOf(t)))).toList();
    }

    /** The names of these guests (by id), as their episode's search document holds them. */
    String guestNames(Collection<GuestCredit> credits) {
        return credits.stream().map(g -> guests.get(g.ref())).collect(Collectors.joining(" "));
    }

    String topicNames(Collection<Ref> refs) {
        return refs.stream().map(topics::get).collect(Collectors.joining(" "));
    }

    /** A ref, or for a described guest or topic the slug it is matched or created by. */
    static Ref refOf(ImportGuest g) {
        return ref(g.ref(), g.id(), g.slug(), g.name(), "guest");
    }

    static Ref refOf(ImportTopic t) {
        return ref(t.ref(), t.id(), t.slug(), t.name(), "topic");
    }

    private static Ref ref(Ref ref, Long id, String slug, String name, String kind) {
        if (ref != null) return ref;
        if (id != null) return Ref.of(id);
        if (slug != null) return Ref.parse(slug);
        return described(name) ? new Ref(null, Slugs.from(name, kind)) : null;
    }

    /** An entry without ref or id that has a name describes a guest or topic: created when its slug is new. */
    private static boolean describes(Ref ref, Long id, String name) {
        return described(name) && ref == null && id == null;
    }

    /** A guest or topic with a name is described: created when its slug is new. A blank name describes nothing. */
    private static boolean described(String name) {
        return name != null && !name.isBlank();
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
