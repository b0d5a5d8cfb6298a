package fm.catalog.importing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SQL of bulk imports: each statement takes whole columns as arrays (unnest), so a batch of
 * any size is written with one statement per table, the way COPY would, with the rows' checks,
 * indexes and foreign keys all in force.
 */
final class ImportSql {
    private ImportSql() {
    }

    /** Builds the column arrays of one multi-row statement. */
    static final class Columns {
        private final Connection connection;
        private final List<Object[]> arrays = new ArrayList<>();
        private final List<String> types = new ArrayList<>();

        Columns(Connection connection) {
            this.connection = connection;
        }

        Columns add(String sqlType, Collection<?> values) {
            types.add(sqlType);
            arrays.add(values.toArray());
            return this;
        }

        int execute(String sql) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < arrays.size(); i++) {
                    Array array = connection.createArrayOf(types.get(i), arrays.get(i));
                    statement.setArray(i + 1, array);
                }
                return statement.executeUpdate();
            }
        }
    }

    /**
     * n new ids in one round trip. Each value of catalog_seq is one id, as in the tables' column
     * defaults; Hibernate takes a value as a block of fifty (the sequence's increment), so the two
     * never meet.
     */
    static List<Long> ids(Connection connection, int n) throws SQLException {
        if (n == 0) {
            return List.of();
        }
        try (PreparedStatement statement = connection.prepareStatement("select nextval('catalog_seq') from generate_series(1, ?)")) {
            statement.setInt(1, n);
            List<Long> ids = new ArrayList<>(n);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /**
     * The parts of search documents that come from episodes' own texts, as text, in the order given.
     * Null for an episode the show (by id or slug) already has with the same texts, so that importing
     * a feed or a catalog again, where most episodes are unchanged, does not compute them in vain;
     * null for all when no show has that ref (the import is refused). The comment names the
     * statement in pg_stat_statements (ImportStatementsTest), which drops comments before a statement.
     */
    static final String TEXT_PARTS = """
            with /* search documents ahead */ show as (select s.id from shows s where s.id = ?::bigint or s.slug = ?::text)
            select case when exists (select 1 from show) and not exists (
                       select 1 from episodes e
                        where e.show_id = (select id from show) and e.guid = u.guid and e.title = u.title
                          and e.summary is not distinct from u.summary and e.description is not distinct from u.description
                          and coalesce((select string_agg(c.title, ' ' order by c.position) from chapters c where c.episode_id = e.id), '') = u.chapters)
                   then episode_text_parts(u.title, u.summary, u.chapters, u.description)::text end
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as u(guid, title, summary, chapters, description, n)
             order by u.n
            """;

    /**
     * An episode's search document, as episode_document() makes it: the parts from its own texts,
     * computed ahead by SearchDocuments (or here when they are missing), with its guests' and topics' names.
     */
    private static final String DOCUMENT = "episode_document_from(coalesce(u.text_parts::tsvector[], "
            + "episode_text_parts(u.title, u.summary, u.chapters, u.description)), u.guests, u.topics)";

    static final String INSERT_EPISODES = """
            insert into episodes (id, show_id, guid, slug, number, season, type, title, summary, description, status, published_at,
                                  duration_seconds, audio_url, audio_mime_type, audio_size_bytes, image_url, explicit, language,
                                  created_at, updated_at, version, search_vector)
            select u.id, u.show_id, u.guid, u.slug, u.number, u.season, u.type, u.title, u.summary, u.description, u.status,
                   u.published_at, u.duration, u.audio_url, u.audio_mime, u.audio_size, u.image_url, u.explicit, u.language,
                   now(), now(), 0, %s
              from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bool[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[])
                as u(id, show_id, guid, slug, number, season, type, title, summary, description, status, published_at, duration,
                     audio_url, audio_mime, audio_size, image_url, explicit, language, guests, topics, chapters, text_parts)
            """.formatted(DOCUMENT);

    static final String UPDATE_EPISODES = """
            update episodes e
               set number = u.number, season = u.season, type = u.type, title = u.title, summary = u.summary,
                   description = u.description, status = u.status, published_at = u.published_at, duration_seconds = u.duration,
                   audio_url = u.audio_url, audio_mime_type = u.audio_mime, audio_size_bytes = u.audio_size, image_url = u.image_url,
                   explicit = u.explicit, language = u.language, updated_at = greatest(now(), e.updated_at + interval '1 microsecond'), version = e.version + 1,
                   search_vector = %s
              from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bool[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[])
                as u(id, show_id, guid, slug, number, season, type, title, summary, description, status, published_at, duration,
                     audio_url, audio_mime, audio_size, image_url, explicit, language, guests, topics, chapters, text_parts)
             where e.id = u.id
            """.formatted(DOCUMENT);

    static final String INSERT_GUESTS = """
            insert into guests (id, slug, name, headline, organization, image_url, website_url, created_at, updated_at, version)
            select u.*, now(), now(), 0 from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as u
            on conflict (slug) do nothing
            """;

    static final String INSERT_TOPICS = """
            insert into topics (id, slug, name, description, created_at, updated_at, version)
            select u.*, now(), now(), 0 from unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) as u
            on conflict (slug) do nothing
            """;

    static final String INSERT_EPISODE_GUESTS = """
            insert into episode_guests (episode_id, guest_id, role, position)
            select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::int[])
            """;

    static final String INSERT_EPISODE_TOPICS = """
            insert into episode_topics (episode_id, topic_id, position)
            select * from unnest(?::bigint[], ?::bigint[], ?::int[])
            """;

    static final String INSERT_CHAPTERS = """
            insert into chapters (episode_id, position, title, start_seconds)
            select * from unnest(?::bigint[], ?::int[], ?::text[], ?::int[])
            """;

    static final String INSERT_LINKS = """
            insert into links (id, slug, kind, title, url, position, episode_id, created_at, updated_at, version)
            select coalesce(u.id, nextval('catalog_seq')), u.slug, u.kind, u.title, u.url, u.position, u.episode_id,
                   coalesce(u.created_at, now()), now(), coalesce(u.version + 1, 0)
              from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::timestamptz[], ?::bigint[])
                as u(id, slug, kind, title, url, position, episode_id, created_at, version)
            """;
}
