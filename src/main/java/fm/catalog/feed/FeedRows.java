package fm.catalog.feed;

import fm.catalog.episode.Episode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a show's feed is made of in five statements whatever its number of episodes: the
 * snapshot, the show with its state, the credits and links of its visible episodes, then the episodes
 * themselves, streamed from a cursor so that a show of thousands of episodes is never held as rows in memory.
 * One read-only REPEATABLE READ transaction: every statement sees the same rows and the same now(),
 * so an episode falling due meanwhile is in all of them or in none.
 *
 * <p>The state (what the ETag and Last-Modified are made of) is one statement of its own, so that a
 * conditional GET is answered from it alone, without building megabytes to digest them.
 */
@ApplicationScoped
class FeedRows {

    private static final String VISIBLE = Episode.VISIBLE;
    private static final int FETCH = 500;

    record Show(long id, String slug, String title, String description, String author, String imageUrl, String language,
                List<String> categories, boolean explicit, String websiteUrl, State state) {
    }

    /**
     * What the feed's validators are made of. {@code lastModified} is the newest change the feed shows: the show,
     * any of its episodes (drafts too, so that taking one back to draft moves the date on), one leaving it (feed_departures, V14),
     * an episode falling due, or a credited guest. {@code fingerprint} changes with any of them even when the
     * newest date does not (a transaction that began earlier commits later with an older now()): it covers
     * the id and version of every episode of the show and of every credited guest, and how many are visible.
     */
    record State(Instant lastModified, String fingerprint) {
    }

    record Person(String name, String role, String websiteUrl, String imageUrl) {
    }

    record Link(String kind, String title, String url) {
    }

    record Item(long id, String guid, String title, String summary, String description, Instant publishedAt, Integer duration,
                String audioUrl, String audioMimeType, Long audioSizeBytes, Integer number, Integer season, String type,
                boolean explicit, String imageUrl, boolean hasChapters, List<Person> people, List<Link> links) {
    }

    /** What the feed writer does with the show and each item, in feed order (newest first). */
    interface Sink {
        void show(Show show) throws Exception;

        void item(Item item) throws Exception;
    }

    /** The show and its state, by slug; the same statement for a conditional GET and for a build, so both agree. */
    private static final String SHOW = "select s.id, s.slug, s.title, s.description, s.author, s.image_url, s.language, s.categories, "
            + "s.explicit, s.website_url, greatest(s.updated_at, e.gone_at, e.updated, e.due, g.updated), "
            + "md5(concat_ws('/', s.version, e.n, e.visible, e.versions, g.n, g.versions)) "
            + "from shows s "
            + "cross join lateral (select max(e.updated_at) updated, max(e.published_at) filter (where " + VISIBLE + ") due, count(*) n, "
            + "count(*) filter (where " + VISIBLE + ") visible, sum(hashint8extended(e.id, e.version)) versions, "
            + "(select max(d.left_at) from feed_departures d where d.show_id = s.id) gone_at "
            + "from episodes e where e.show_id = s.id) e "
            + "cross join lateral (select max(g.updated_at) updated, count(*) n, sum(hashint8extended(g.id, g.version)) versions "
            + "from episodes e join episode_guests eg on eg.episode_id = e.id join guests g on g.id = eg.guest_id "
            + "where e.show_id = s.id and " + VISIBLE + ") g "
            + "where s.slug = ?";

    private final AgroalDataSource dataSource;

    FeedRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The show's state alone, in one statement; null when no show has that slug. */
    State state(String slug) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Show show = show(connection, slug);
            return show == null ? null : show.state();
        }
    }

    /** Hands the show and its visible episodes to {@code sink} and returns its state; null when no show has that slug. */
    State read(String slug, Sink sink) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement s = connection.createStatement()) {
                    s.execute("set transaction isolation level repeatable read, read only");
                }
                Show show = show(connection, slug);
                if (show == null) {
                    return null;
                }
                Map<Long, List<Person>> people = people(connection, show.id());
                Map<Long, List<Link>> links = links(connection, show.id());
                sink.show(show);
                items(connection, show.id(), people, links, sink);
                return show.state();
            } finally {
                connection.rollback();
            }
        }
    }

    private static Show show(Connection connection, String slug) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(SHOW)) {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Array categories = r.getArray(8);
                List<String> list = categories == null ? List.of() : List.of((String[]) categories.getArray());
                return new Show(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), list, r.getBoolean(9), r.getString(10), new State(r.getTimestamp(11).toInstant(), r.getString(12)));
            }
        }
    }

    private static Map<Long, List<Person>> people(Connection connection, long show) throws SQLException {
        Map<Long, List<Person>> people = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("select eg.episode_id, g.name, eg.role, g.website_url, g.image_url "
                + "from episode_guests eg join guests g on g.id = eg.guest_id join episodes e on e.id = eg.episode_id "
                + "where e.show_id = ? and " + VISIBLE + " order by eg.episode_id, eg.position")) {
            s.setLong(1, show);
            s.setFetchSize(FETCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    people.computeIfAbsent(r.getLong(1), k -> new ArrayList<>(2))
                            .add(new Person(r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
        }
        return people;
    }

    private static Map<Long, List<Link>> links(Connection connection, long show) throws SQLException {
        Map<Long, List<Link>> links = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("select l.episode_id, l.kind, l.title, l.url "
                + "from links l join episodes e on e.id = l.episode_id "
                + "where e.show_id = ? and " + VISIBLE + " order by l.episode_id, l.position, l.id")) {
            s.setLong(1, show);
            s.setFetchSize(FETCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    links.computeIfAbsent(r.getLong(1), k -> new ArrayList<>(2)).add(new Link(r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return links;
    }

    private static void items(Connection connection, long show, Map<Long, List<Person>> people, Map<Long, List<Link>> links,
                              Sink sink) throws Exception {
        try (PreparedStatement s = connection.prepareStatement("select e.id, e.guid, e.title, e.summary, e.description, e.published_at, "
                + "e.duration_seconds, e.audio_url, e.audio_mime_type, e.audio_size_bytes, e.number, e.season, e.type, e.explicit, "
                + "e.image_url, exists (select 1 from chapters c where c.episode_id = e.id and c.start_seconds is not null) "
                + "from episodes e where e.show_id = ? and " + VISIBLE + " order by e.published_sort desc, e.id desc")) {
            s.setLong(1, show);
            s.setFetchSize(FETCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    Timestamp published = r.getTimestamp(6);
                    sink.item(new Item(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5), published.toInstant(),
                            (Integer) r.getObject(7), r.getString(8), r.getString(9), (Long) r.getObject(10), (Integer) r.getObject(11),
                            (Integer) r.getObject(12), r.getString(13), r.getBoolean(14), r.getString(15), r.getBoolean(16),
                            people.getOrDefault(id, List.of()), links.getOrDefault(id, List.of())));
                }
            }
        }
    }
}
