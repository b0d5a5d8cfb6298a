package fm.catalog.importing;

import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.problem.Problem.FieldError;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.Validation;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.SlugAllocator;
import fm.catalog.common.slug.Slugs;
import fm.catalog.episode.Episode;
import fm.catalog.episode.EpisodeDtos.ChapterItem;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.episode.EpisodeDtos.GuestCredit;
import fm.catalog.episode.EpisodeRefs;
import fm.catalog.episode.EpisodeRefs.Entry;
import fm.catalog.episode.EpisodeRefs.Known;
import fm.catalog.episode.EpisodeWriter;
import fm.catalog.episode.StoredEpisodes;
import fm.catalog.importing.ImportDtos.ImportGuest;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.importing.ImportDtos.ImportRequest;
import fm.catalog.importing.ImportDtos.ImportResult;
import fm.catalog.importing.ImportDtos.ImportTopic;
import fm.catalog.importing.ImportDtos.ItemResult;
import fm.catalog.importing.ImportSql.Columns;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.link.Link;
import fm.catalog.link.LinkKeeping;
import fm.catalog.common.persistence.SlugLocks;
import fm.catalog.show.Show;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Upserts a batch of episodes of one show by guid, in one transaction. Everything is looked up
 * once per batch (existing guids, guests, topics, free slugs) and each table is written with one
 * multi-row statement (see ImportSql), so the number of statements does not grow with the batch.
 * The rules of a single write (defaults, publication, validation) are the same: EpisodeWriter.
 */
@ApplicationScoped
@Transactional
public class ImportService {

    /** The outcome of an import; {@code rejected} when an atomic import wrote nothing because of failures. */
    public record Outcome(ImportResult result, boolean rejected) {
    }

    private final Validation validation;
    private final TransactionManager transactions;
    private final AgroalDataSource dataSource;
    private final SearchDocuments searchDocuments;

    public ImportService(Validation validation, TransactionManager transactions, AgroalDataSource dataSource,
                         SearchDocuments searchDocuments) {
        this.validation = validation;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.searchDocuments = searchDocuments;
    }

    /** A JSON import: its show and options are in the body. */
    public Outcome importEpisodes(ImportRequest request) {
        // the episodes are checked one by one below, so that each gets its own result
        validation.valid(request == null ? null : new ImportRequest(request.show(), request.dryRun(), request.atomic(), List.of()));
        Show show = Show.findByRef(request.show()).orElseThrow(() -> ApiException.invalidField("/show", "names no show ('" + request.show() + "')"));
        checkSize(request.episodes());
        SearchDocuments.Ahead documents = searchDocuments.start(Ref.of(show.id), request.episodes().stream().map(SearchDocuments.Item::of).toList());
        return write(show, request, documents);
    }

    /**
     * A feed's items (FeedImport read them), whose search documents began while it was read; its
     * show is the query's {@code show} parameter.
     */
    public Outcome importFeed(ImportRequest request, SearchDocuments.Ahead documents) {
        return write(Ref.resolve(request.show(), "show", false, Show::findByRef), request, documents);
    }

    private static void checkSize(List<ImportItem> episodes) {
        if (episodes == null) {
            throw ApiException.invalidField("/episodes", "must not be null");
        }
        if (episodes.size() > ImportDtos.MAX_EPISODES) {
            throw ApiException.invalidField("/episodes", "must hold at most " + ImportDtos.MAX_EPISODES + " episodes; send them in batches");
        }
    }

    private Outcome write(Show show, ImportRequest request, SearchDocuments.Ahead documents) {
        try (Connection connection = dataSource.getConnection()) {
            return new Batch(connection, show.id, request, documents).run();
        } catch (SQLException e) {
            throw new PersistenceException("import failed", e);
        } finally {
            // failed, unchanged or done: what is still queued is not needed
            documents.abandon();
        }
    }

    private void rollback() {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A link an updated episode has: its URL, id, slug, creation time (ISO 8601) and version. */
    private record StoredLink(String url, long id, String slug, String createdAt, long version) {
    }

    /** One import request, from validation to the last statement. */
    private final class Batch {
        final Connection connection;
        final long showId;
        final List<ImportItem> items;
        final boolean dryRun;
        final boolean atomic;
        final Map<Integer, List<FieldError>> failures = new LinkedHashMap<>();
        // each known by id and slug with its name, for the search documents
        final Known<String> guests = new Known<>();
        final Known<String> topics = new Known<>();
        // sorted by slug: parallel imports insert the same new guests in one order, so neither waits
        // for the other's row while holding one the other waits for
        final Map<String, ImportGuest> newGuests = new TreeMap<>();
        final Map<String, ImportTopic> newTopics = new TreeMap<>();
        final SearchDocuments.Ahead documents;

        /** {@code documents}: begun first, so that their work overlaps everything up to the insert. */
        Batch(Connection connection, long showId, ImportRequest request, SearchDocuments.Ahead documents) {
            this.connection = connection;
            this.showId = showId;
            this.items = request.episodes();
            this.dryRun = Boolean.TRUE.equals(request.dryRun());
            this.atomic = !Boolean.FALSE.equals(request.atomic());
            this.documents = documents;
        }

        Outcome run() throws SQLException {
            // imports into one show run one at a time, so that two never create the same guid at once
            Jdbc.query(connection, "select pg_advisory_xact_lock(hashtext('imports'), hashtext(?::text))", String.valueOf(showId));
            validateItems();
            Map<Integer, Episode> rows = rows();
            Map<String, StoredEpisodes.Row> existing = StoredEpisodes.lockByGuid(connection, showId, rows.values().stream().map(r -> r.guid).toList());
            lockSlugs(rows, existing);
            checkRequestedSlugs(rows, existing);
            resolvePeople();
            if (atomic && !failures.isEmpty()) {
                rollback();
                return new Outcome(result(Map.of()), true);
            }
            // only now, so that an episode that fails creates no guest or topic, atomic or not
            createPeople();
            rows.keySet().removeIf(failures::containsKey);
            Map<Integer, EpisodeInput> inputs = new LinkedHashMap<>();
            for (int i : rows.keySet()) {
                inputs.put(i, toInput(items.get(i)));
            }

            Set<String> guids = rows.values().stream().map(r -> r.guid).collect(Collectors.toSet());
            Map<Long, EpisodeInput> current = StoredEpisodes.inputs(connection,
                    existing.values().stream().filter(r -> guids.contains(r.fields().guid())).toList());
            Map<Integer, ItemResult> done = new HashMap<>();
            List<Integer> creates = new ArrayList<>();
            List<Integer> updates = new ArrayList<>();
            for (var entry : rows.entrySet()) {
                int i = entry.getKey();
                Episode row = entry.getValue();
                StoredEpisodes.Row found = existing.get(row.guid);
                if (found == null) {
                    creates.add(i);
                    continue;
                }
                row.id = found.id();
                row.slug = found.fields().slug();
                if (inputs.get(i).publishedAt() == null) {
                    row.publishedAt = EpisodeWriter.publicationDate(row.status, found.fields().publishedAt());
                }
                // an import does not rename an existing episode (its slug stays), nor move its publication date
                EpisodeInput asImported = withSlugAndDate(inputs.get(i), row.slug, row.publishedAt);
                if (EpisodeWriter.canonical(asImported, row.slug).equals(EpisodeWriter.canonical(current.get(row.id), row.slug))) {
                    done.put(i, new ItemResult(row.guid, "unchanged", row.id, row.slug, null));
                } else {
                    updates.add(i);
                }
            }
            // slugs asked for are free (checkRequestedSlugs); the others are made from titles, around them
            Set<String> requested = creates.stream().map(i -> inputs.get(i).slug()).filter(Objects::nonNull).collect(Collectors.toSet());
            List<Integer> titled = creates.stream().filter(i -> inputs.get(i).slug() == null).toList();
            Iterator<String> made = SlugAllocator.allocateAll(titled.stream().map(i -> Slugs.from(inputs.get(i).title(), "episode")).toList(),
                    c -> withRequested(taken("episodes", c), c, requested)).iterator();
            List<Long> newIds = ImportSql.ids(connection, creates.size());
            for (int k = 0; k < creates.size(); k++) {
                String slug = inputs.get(creates.get(k)).slug();
                rows.get(creates.get(k)).slug = slug != null ? slug : made.next();
                rows.get(creates.get(k)).id = newIds.get(k);
            }
            List<Long> updatedIds = updates.stream().map(i -> rows.get(i).id).toList();
            Map<Long, List<StoredLink>> storedLinks = storedLinkRows(updatedIds);
            if (!updatedIds.isEmpty()) {
                for (String table : List.of("episode_guests", "episode_topics", "chapters", "links")) {
                    Jdbc.query(connection, "with gone as (delete from " + table + " where episode_id = any(?) returning 1) "
                            + "select count(*) from gone", updatedIds);
                }
            }
            writeEpisodes(ImportSql.INSERT_EPISODES, creates, rows, inputs);
            writeEpisodes(ImportSql.UPDATE_EPISODES, updates, rows, inputs);
            List<Integer> written = new ArrayList<>(creates);
            written.addAll(updates);
            writeChildren(written, rows, inputs, storedLinks);
            for (int i : creates) {
                done.put(i, new ItemResult(rows.get(i).guid, "created", rows.get(i).id, rows.get(i).slug, null));
            }
            for (int i : updates) {
                done.put(i, new ItemResult(rows.get(i).guid, "updated", rows.get(i).id, rows.get(i).slug, null));
            }
            if (dryRun) {
                rollback();
            }
            return new Outcome(result(done), false);
        }

        private void validateItems() {
            Set<String> seenGuids = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null) {
                    failures.put(i, List.of(FieldError.atPointer("/episodes/" + i, "must not be null")));
                    continue;
                }
                List<FieldError> errors = new ArrayList<>(validation.errors(items.get(i), "/episodes/" + i));
                if (items.get(i).guid() != null && !seenGuids.add(items.get(i).guid().strip())) {
                    errors.add(FieldError.atPointer("/episodes/" + i + "/guid", "repeats the guid of an earlier episode of this import"));
                }
                if (!errors.isEmpty()) {
                    failures.put(i, errors);
                }
            }
        }

        /** Looks up every guest and topic the batch names, in one query each; unknown refs fail their episode. */
        private void resolvePeople() throws SQLException {
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
                // checked as a single write checks them
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
        private void createPeople() throws SQLException {
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

        /** The episodes' own fields, by the rules of every write (EpisodeWriter); an episode they refuse fails. */
        private Map<Integer, Episode> rows() {
            Map<Integer, Episode> rows = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                if (failures.containsKey(i)) continue;
                Episode row = new Episode();
                try {
                    EpisodeWriter.applyFields(row, input(items.get(i), List.of(), List.of()), "/episodes/" + i);
                } catch (ApiException e) {
                    failures.put(i, e.errors);
                    continue;
                }
                row.guid = items.get(i).guid().strip();
                rows.put(i, row);
            }
            return rows;
        }

        private EpisodeInput toInput(ImportItem item) {
            List<GuestCredit> credits = orEmpty(item.guests()).stream()
                    .map(g -> new GuestCredit(Ref.of(guests.id(refOf(g))), null, null, g.role())).toList();
            List<Ref> topicRefs = orEmpty(item.topics()).stream().map(t -> Ref.of(topics.id(refOf(t)))).toList();
            return input(item, credits, topicRefs);
        }

        private EpisodeInput input(ImportItem item, List<GuestCredit> credits, List<Ref> topicRefs) {
            return new EpisodeInput(Ref.of(showId), item.guid().strip(), item.slug(), item.number(), item.season(), item.type(),
                    item.title(), item.summary(), item.description(), item.status(), item.publishedAt(), item.durationSeconds(),
                    item.audio(), item.imageUrl(), item.explicit(), item.language(), credits, topicRefs,
                    orEmpty(item.chapters()), orEmpty(item.links()));
        }

        private void writeEpisodes(String sql, List<Integer> which, Map<Integer, Episode> rows, Map<Integer, EpisodeInput> inputs)
                throws SQLException {
            if (which.isEmpty()) {
                return;
            }
            List<Episode> e = which.stream().map(rows::get).toList();
            List<EpisodeInput> in = which.stream().map(inputs::get).toList();
            List<String> chapters = in.stream().map(x -> x.chapters().stream().map(c -> c.title().strip()).collect(Collectors.joining(" "))).toList();
            List<String> textParts = new ArrayList<>(which.size());
            for (int k = 0; k < which.size(); k++) {
                Episode row = e.get(k);
                textParts.add(documents.document(which.get(k), new SearchDocuments.Texts(row.title, row.summary, chapters.get(k), row.description)));
            }
            new Columns(connection)
                    .add("int8", e.stream().map(r -> r.id).toList())
                    .add("int8", e.stream().map(r -> showId).toList())
                    .add("text", e.stream().map(r -> r.guid).toList())
                    .add("text", e.stream().map(r -> r.slug).toList())
                    .add("int4", e.stream().map(r -> r.number).toList())
                    .add("int4", e.stream().map(r -> r.season).toList())
                    .add("text", e.stream().map(r -> r.type.wire()).toList())
                    .add("text", e.stream().map(r -> r.title).toList())
                    .add("text", e.stream().map(r -> r.summary).toList())
                    .add("text", e.stream().map(r -> r.description).toList())
                    .add("text", e.stream().map(r -> r.status.wire()).toList())
                    .add("text", e.stream().map(r -> r.publishedAt == null ? null : r.publishedAt.toString()).toList())
                    .add("int4", e.stream().map(r -> r.durationSeconds).toList())
                    .add("text", e.stream().map(r -> r.audioUrl).toList())
                    .add("text", e.stream().map(r -> r.audioMimeType).toList())
                    .add("int8", e.stream().map(r -> r.audioSizeBytes).toList())
                    .add("text", e.stream().map(r -> r.imageUrl).toList())
                    .add("bool", e.stream().map(r -> r.explicit).toList())
                    .add("text", e.stream().map(r -> r.language).toList())
                    .add("text", in.stream().map(x -> x.guests().stream().map(g -> guests.get(g.ref())).collect(Collectors.joining(" "))).toList())
                    .add("text", in.stream().map(x -> x.topics().stream().map(topics::get).collect(Collectors.joining(" "))).toList())
                    .add("text", chapters)
                    .add("text", textParts)
                    .execute(sql);
        }

        /** Guests, topics, chapters and links of the written episodes: one statement per table. */
        private void writeChildren(List<Integer> which, Map<Integer, Episode> rows, Map<Integer, EpisodeInput> inputs,
                                   Map<Long, List<StoredLink>> storedLinks) throws SQLException {
            List<Long> episodeIds = which.stream().map(i -> rows.get(i).id).toList();
            List<EpisodeInput> written = which.stream().map(inputs::get).toList();
            writeCredits(episodeIds, written);
            writeTopics(episodeIds, written);
            writeChapters(episodeIds, written);
            writeLinks(episodeIds, which.stream().map(i -> rows.get(i).slug).toList(), written, storedLinks);
        }

        // One short method per table: the JIT compiles these once, where a single long method was
        // deoptimized and recompiled for seconds of CPU while imports ran.
        private void writeCredits(List<Long> episodeIds, List<EpisodeInput> written) throws SQLException {
            List<Long> episode = new ArrayList<>();
            List<Long> guest = new ArrayList<>();
            List<String> role = new ArrayList<>();
            List<Integer> position = new ArrayList<>();
            for (int k = 0; k < written.size(); k++) {
                List<GuestCredit> credits = written.get(k).guests();
                for (int p = 0; p < credits.size(); p++) {
                    episode.add(episodeIds.get(k));
                    guest.add(credits.get(p).ref().id());
                    role.add(credits.get(p).role().wire());
                    position.add(p);
                }
            }
            if (!episode.isEmpty()) {
                new Columns(connection).add("int8", episode).add("int8", guest).add("text", role).add("int4", position)
                        .execute(ImportSql.INSERT_EPISODE_GUESTS);
            }
        }

        private void writeTopics(List<Long> episodeIds, List<EpisodeInput> written) throws SQLException {
            List<Long> episode = new ArrayList<>();
            List<Long> topic = new ArrayList<>();
            List<Integer> position = new ArrayList<>();
            for (int k = 0; k < written.size(); k++) {
                List<Ref> refs = written.get(k).topics();
                for (int p = 0; p < refs.size(); p++) {
                    episode.add(episodeIds.get(k));
                    topic.add(refs.get(p).id());
                    position.add(p);
                }
            }
            if (!episode.isEmpty()) {
                new Columns(connection).add("int8", episode).add("int8", topic).add("int4", position).execute(ImportSql.INSERT_EPISODE_TOPICS);
            }
        }

        private void writeChapters(List<Long> episodeIds, List<EpisodeInput> written) throws SQLException {
            List<Long> episode = new ArrayList<>();
            List<Integer> position = new ArrayList<>();
            List<String> title = new ArrayList<>();
            List<Integer> start = new ArrayList<>();
            for (int k = 0; k < written.size(); k++) {
                List<ChapterItem> chapters = written.get(k).chapters();
                for (int p = 0; p < chapters.size(); p++) {
                    episode.add(episodeIds.get(k));
                    position.add(p);
                    title.add(chapters.get(p).title().strip());
                    start.add(chapters.get(p).startTime());
                }
            }
            if (!episode.isEmpty()) {
                new Columns(connection).add("int8", episode).add("int4", position).add("text", title).add("int4", start)
                        .execute(ImportSql.INSERT_CHAPTERS);
            }
        }

        /**
         * Links as a single write keeps them (LinkKeeping): one that an updated episode names again by
         * URL keeps its id, slug (unless the import asks for another) and creation time; the others are new.
         */
        private void writeLinks(List<Long> episodeIds, List<String> slugsOfEpisodes, List<EpisodeInput> written,
                                Map<Long, List<StoredLink>> storedLinks) throws SQLException {
            List<InlineLinkInput> links = new ArrayList<>();
            List<String> episodeSlugs = new ArrayList<>();
            List<Long> episode = new ArrayList<>();
            List<Integer> position = new ArrayList<>();
            List<StoredLink> kept = new ArrayList<>();
            for (int k = 0; k < written.size(); k++) {
                List<InlineLinkInput> own = written.get(k).links();
                List<StoredLink> stored = storedLinks.getOrDefault(episodeIds.get(k), List.of());
                int[] keeps = LinkKeeping.match(stored.stream().map(StoredLink::url).toList(), own.stream().map(InlineLinkInput::url).toList());
                for (int p = 0; p < own.size(); p++) {
                    links.add(own.get(p));
                    episodeSlugs.add(slugsOfEpisodes.get(k));
                    episode.add(episodeIds.get(k));
                    position.add(p);
                    kept.add(keeps[p] < 0 ? null : stored.get(keeps[p]));
                }
            }
            if (links.isEmpty()) {
                return;
            }
            List<String> slugs = new ArrayList<>();
            for (int k = 0; k < links.size(); k++) {
                slugs.add(links.get(k).slug() != null ? links.get(k).slug() : kept.get(k) == null ? null : kept.get(k).slug());
            }
            // slugs asked for are free (checkRequestedSlugs); the kept ones are free in the table (their
            // rows were deleted) but not for new links: the others are made from titles, around both
            Set<String> reserved = slugs.stream().filter(Objects::nonNull).collect(Collectors.toSet());
            List<Integer> titled = new ArrayList<>();
            for (int k = 0; k < links.size(); k++) {
                if (slugs.get(k) == null) titled.add(k);
            }
            List<String> bases = titled.stream().map(k -> Link.slugBase(episodeSlugs.get(k), links.get(k).title(), links.get(k).kind())).toList();
            List<String> lockFor = new ArrayList<>(bases);
            lockFor.addAll(reserved);
            SlugLocks.lock("links", lockFor);
            Iterator<String> made = SlugAllocator.allocateAll(bases, c -> withRequested(taken("links", c), c, reserved)).iterator();
            for (int k : titled) {
                slugs.set(k, made.next());
            }
            new Columns(connection)
                    .add("int8", kept.stream().map(l -> l == null ? null : l.id()).toList())
                    .add("text", slugs)
                    .add("text", links.stream().map(l -> l.kind().wire()).toList())
                    .add("text", links.stream().map(InlineLinkInput::title).toList())
                    .add("text", links.stream().map(InlineLinkInput::url).toList())
                    .add("int4", position).add("int8", episode)
                    .add("text", kept.stream().map(l -> l == null ? null : l.createdAt()).toList())
                    .add("int8", kept.stream().map(l -> l == null ? null : l.version()).toList())
                    .execute(ImportSql.INSERT_LINKS);
        }

        /** The links of the episodes an import updates, in order, read before they are replaced. */
        private Map<Long, List<StoredLink>> storedLinkRows(List<Long> episodeIds) throws SQLException {
            Map<Long, List<StoredLink>> links = new HashMap<>();
            if (episodeIds.isEmpty()) {
                return links;
            }
            for (Object[] r : Jdbc.query(connection, "select episode_id, url, id, slug, created_at, version from links "
                    + "where episode_id = any(?) order by episode_id, position, id", episodeIds)) {
                links.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(new StoredLink((String) r[1],
                        ((Number) r[2]).longValue(), (String) r[3], ((Timestamp) r[4]).toInstant().toString(), ((Number) r[5]).longValue()));
            }
            return links;
        }

        /**
         * Locks the slugs this import may take (SlugLocks), as a single write does, before it asks
         * which are free: the slugs of new episodes and their bases, and those of the guests and
         * topics it may create. Links' come later (writeLinks): they are made from their episodes' slugs.
         */
        private void lockSlugs(Map<Integer, Episode> rows, Map<String, StoredEpisodes.Row> existing) {
            Map<String, List<String>> slugs = new HashMap<>();
            for (var entry : rows.entrySet()) {
                ImportItem item = items.get(entry.getKey());
                if (!existing.containsKey(entry.getValue().guid)) {
                    slugs.computeIfAbsent("episodes", k -> new ArrayList<>()).add(item.slug() != null ? item.slug() : Slugs.from(item.title(), "episode"));
                }
                for (ImportGuest g : orEmpty(item.guests())) {
                    Ref ref = refOf(g);
                    if (ref != null && ref.slug() != null) slugs.computeIfAbsent("guests", k -> new ArrayList<>()).add(ref.slug());
                }
                for (ImportTopic t : orEmpty(item.topics())) {
                    Ref ref = refOf(t);
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
        private void checkRequestedSlugs(Map<Integer, Episode> rows, Map<String, StoredEpisodes.Row> existing) throws SQLException {
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
                    // the link writeLinks keeps: the first of the episode's links with the stored link's URL
                    boolean own = episode != null && r[1] != null && ((Number) r[1]).longValue() == episode.id()
                            && links.stream().map(InlineLinkInput::url).toList().indexOf((String) r[2]) == at[1];
                    if (!own) {
                        refuse(errors, at[0], "/episodes/" + at[0] + "/links/" + at[1] + "/slug", "is already used by another link ('" + r[0] + "')");
                    }
                }
            }
            failures.putAll(errors);
        }

        private Set<String> taken(String table, List<String> candidates) {
            try {
                return Jdbc.query(connection, "select slug from " + table + " where slug = any(?)", candidates)
                        .stream().map(r -> (String) r[0]).collect(Collectors.toSet());
            } catch (SQLException e) {
                throw new PersistenceException("slug lookup failed", e);
            }
        }

        private ImportResult result(Map<Integer, ItemResult> done) {
            List<ItemResult> results = new ArrayList<>();
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (int i = 0; i < items.size(); i++) {
                String guid = items.get(i) == null || items.get(i).guid() == null ? "" : items.get(i).guid();
                if (failures.containsKey(i)) {
                    List<FieldError> errors = failures.get(i);
                    results.add(new ItemResult(guid, "failed", null, null, new Problem(ProblemType.VALIDATION.uri, ProblemType.VALIDATION.title,
                            400, "Episode " + i + " is invalid: " + errors.get(0).pointer() + " " + errors.get(0).message() + ".",
                            null, errors, null)));
                } else if (done.containsKey(i)) {
                    ItemResult r = done.get(i);
                    switch (r.status()) {
                        case "created" -> created++;
                        case "updated" -> updated++;
                        default -> unchanged++;
                    }
                    results.add(r);
                } else {
                    results.add(new ItemResult(guid, "skipped", null, null, null));
                }
            }
            return new ImportResult(created, updated, unchanged, failures.size(), dryRun, results);
        }
    }

    private static void refuse(Map<Integer, List<FieldError>> errors, int item, String pointer, String message) {
        errors.computeIfAbsent(item, k -> new ArrayList<>()).add(FieldError.atPointer(pointer, message));
    }

    /** The candidates other resources use, with those this batch asked for. */
    private static Set<String> withRequested(Set<String> taken, List<String> candidates, Set<String> requested) {
        Set<String> all = new HashSet<>(taken);
        candidates.stream().filter(requested::contains).forEach(all::add);
        return all;
    }

    private static EpisodeInput withSlugAndDate(EpisodeInput in, String slug, Instant publishedAt) {
        return new EpisodeInput(in.show(), in.guid(), slug, in.number(), in.season(), in.type(), in.title(), in.summary(),
                in.description(), in.status(), publishedAt, in.durationSeconds(), in.audio(), in.imageUrl(), in.explicit(),
                in.language(), in.guests(), in.topics(), in.chapters(), in.links());
    }

    /** A ref, or for a described guest or topic the slug it is matched or created by. */
    private static Ref refOf(ImportGuest g) {
        return ref(g.ref(), g.id(), g.slug(), g.name(), "guest");
    }

    private static Ref refOf(ImportTopic t) {
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

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
