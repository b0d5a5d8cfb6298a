package fm.catalog.episode;

import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.persistence.WireEnum;
import fm.catalog.common.slug.Ref;
import fm.catalog.episode.EpisodeDtos.Audio;
import fm.catalog.episode.EpisodeDtos.ChapterItem;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.episode.EpisodeDtos.GuestCredit;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.link.LinkKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored episodes as the inputs a PUT would state them: guests and topics by id, guests with their
 * roles, chapters and links inline (links with their slugs). The one definition for single writes
 * (the base a merge patch applies to) and imports (what they compare an item with, to tell an
 * unchanged episode). One query for the episodes and one per table of what they hold, whatever
 * their number. On JDBC, so that an import reads with it on its own connection; a single write
 * passes Hibernate's, which is the same transaction's.
 */
public final class StoredEpisodes {
    private static final String COLUMNS = "select id, slug, guid, number, season, type, title, summary, description, status, "
            + "published_at, duration_seconds, audio_url, audio_mime_type, audio_size_bytes, image_url, explicit, language, show_id "
            + "from episodes ";

    private StoredEpisodes() {
    }

    /**
     * An episode's row: its id, and its own fields as an input states them; its guests, topics,
     * chapters and links are null until {@link #inputs} reads them.
     */
    public record Row(long id, EpisodeInput fields) {
    }

    /** Episodes by id, as PUT bodies would state them: five queries for any number of episodes. */
    public static Map<Long, EpisodeInput> inputsOf(Connection connection, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return inputs(connection, rows(Jdbc.query(connection, COLUMNS + "where id = any(?)", ids)).values());
    }

    /**
     * Episodes of a show by guid: guid to row, locked in id order as every writer of episodes locks
     * them, so that a single write racing an import waits for it (or it for the write) and each
     * episode ends as one write's whole state.
     */
    public static Map<String, Row> lockByGuid(Connection connection, long showId, Collection<String> guids) throws SQLException {
        if (guids.isEmpty()) {
            return Map.of();
        }
        Map<String, Row> byGuid = new HashMap<>();
        for (Row row : rows(Jdbc.query(connection, COLUMNS + "where show_id = ? and guid = any(?) order by id for no key update",
                showId, guids)).values()) {
            byGuid.put(row.fields().guid(), row);
        }
        return byGuid;
    }

    /** The rows' episodes as PUT bodies would state them, by id: four queries for any number of episodes. */
    public static Map<Long, EpisodeInput> inputs(Connection connection, Collection<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<GuestCredit>> guests = guests(connection, ids);
        Map<Long, List<Ref>> topics = topics(connection, ids);
        Map<Long, List<ChapterItem>> chapters = chapters(connection, ids);
        Map<Long, List<InlineLinkInput>> links = links(connection, ids);
        Map<Long, EpisodeInput> inputs = new HashMap<>();
        for (Row row : rows) {
            EpisodeInput e = row.fields();
            inputs.put(row.id(), new EpisodeInput(e.show(), e.guid(), e.slug(), e.number(), e.season(), e.type(), e.title(),
                    e.summary(), e.description(), e.status(), e.publishedAt(), e.durationSeconds(), e.audio(), e.imageUrl(),
                    e.explicit(), e.language(), guests.getOrDefault(row.id(), List.of()), topics.getOrDefault(row.id(), List.of()),
                    chapters.getOrDefault(row.id(), List.of()), links.getOrDefault(row.id(), List.of())));
        }
        return inputs;
    }

    private static Map<Long, Row> rows(List<Object[]> found) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        for (Object[] r : found) {
            long id = ((Number) r[0]).longValue();
            rows.put(id, new Row(id, new EpisodeInput(Ref.of(((Number) r[18]).longValue()), (String) r[2], (String) r[1],
                    integer(r[3]), integer(r[4]), WireEnum.fromWire(EpisodeType.class, (String) r[5]), (String) r[6], (String) r[7],
                    (String) r[8], WireEnum.fromWire(EpisodeStatus.class, (String) r[9]),
                    r[10] == null ? null : ((Timestamp) r[10]).toInstant(), integer(r[11]),
                    r[12] == null ? null : new Audio((String) r[12], (String) r[13], r[14] == null ? null : ((Number) r[14]).longValue()),
                    (String) r[15], (Boolean) r[16], (String) r[17], null, null, null, null)));
        }
        return rows;
    }

    // One short method per table, as the import's writers: the JIT compiles these once, where a
    // single long method was deoptimized and recompiled for seconds of CPU while imports ran.
    private static Map<Long, List<GuestCredit>> guests(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, List<GuestCredit>> credits = new HashMap<>();
        for (Object[] r : Jdbc.query(connection, "select episode_id, guest_id, role from episode_guests where episode_id = any(?) "
                + "order by episode_id, position", ids)) {
            credits.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(new GuestCredit(
                    Ref.of(((Number) r[1]).longValue()), null, null, WireEnum.fromWire(GuestRole.class, (String) r[2])));
        }
        return credits;
    }

    private static Map<Long, List<Ref>> topics(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, List<Ref>> topics = new HashMap<>();
        for (Object[] r : Jdbc.query(connection, "select episode_id, topic_id from episode_topics where episode_id = any(?) "
                + "order by episode_id, position", ids)) {
            topics.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(Ref.of(((Number) r[1]).longValue()));
        }
        return topics;
    }

    private static Map<Long, List<ChapterItem>> chapters(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, List<ChapterItem>> chapters = new HashMap<>();
        for (Object[] r : Jdbc.query(connection, "select episode_id, title, start_seconds from chapters where episode_id = any(?) "
                + "order by episode_id, position", ids)) {
            chapters.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(new ChapterItem((String) r[1], integer(r[2])));
        }
        return chapters;
    }

    private static Map<Long, List<InlineLinkInput>> links(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, List<InlineLinkInput>> links = new HashMap<>();
        for (Object[] r : Jdbc.query(connection, "select episode_id, slug, kind, title, url from links where episode_id = any(?) "
                + "order by episode_id, position, id", ids)) {
            links.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new InlineLinkInput((String) r[1], WireEnum.fromWire(LinkKind.class, (String) r[2]), (String) r[3], (String) r[4]));
        }
        return links;
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
