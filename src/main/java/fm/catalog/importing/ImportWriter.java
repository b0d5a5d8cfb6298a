package fm.catalog.importing;

import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.persistence.SlugLocks;
import fm.catalog.common.slug.Ref;
import fm.catalog.episode.Episode;
import fm.catalog.episode.EpisodeDtos.ChapterItem;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.episode.EpisodeDtos.GuestCredit;
import fm.catalog.importing.ImportSql.Columns;
import fm.catalog.link.Link;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.link.LinkKeeping;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the rows of a batch's episodes, with their guests, topics, chapters and links: one
 * multi-row statement per table (ImportSql), whatever the number of episodes.
 */
final class ImportWriter {
    private final Connection connection;
    private final long showId;
    private final SearchDocuments.Ahead documents;
    private final ImportPeople people;
    private final ImportSlugs slugs;

    ImportWriter(Connection connection, long showId, SearchDocuments.Ahead documents, ImportPeople people, ImportSlugs slugs) {
        this.connection = connection;
        this.showId = showId;
        this.documents = documents;
        this.people = people;
        this.slugs = slugs;
    }

    /** A link an updated episode has: its URL, id, slug, creation time (ISO 8601) and version. */
    record StoredLink(String url, long id, String slug, String createdAt, long version) {
    }

    /** The links of the episodes an import updates, in order, read before they are replaced. */
    Map<Long, List<StoredLink>> storedLinks(List<Long> episodeIds) throws SQLException {
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

    /** Drops the guests, topics, chapters and links of the episodes an import updates, before new ones are written. */
    void clearChildren(List<Long> episodeIds) throws SQLException {
        if (!episodeIds.isEmpty()) {
            for (String table : List.of("episode_guests", "episode_topics", "chapters", "links")) {
                Jdbc.query(connection, "with gone as (delete from " + table + " where episode_id = any(?) returning 1) "
                        + "select count(*) from gone", episodeIds);
            }
        }
    }

    void writeEpisodes(String sql, List<Integer> which, Map<Integer, Episode> rows, Map<Integer, EpisodeInput> inputs)
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
                .add("text", in.stream().map(x -> people.guestNames(x.guests())).toList())
                .add("text", in.stream().map(x -> people.topicNames(x.topics())).toList())
                .add("text", chapters)
                .add("text", textParts)
                .execute(sql);
    }

    /** Guests, topics, chapters and links of the written episodes: one statement per table. */
    void writeChildren(List<Integer> which, Map<Integer, Episode> rows, Map<Integer, EpisodeInput> inputs,
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
        // slugs asked for are free (ImportSlugs.checkRequested); the kept ones are free in the table (their
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
        Iterator<String> made = this.slugs.allocate("links", bases, reserved).iterator();
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
}
