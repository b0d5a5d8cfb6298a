package fm.catalog.episode;

import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.slug.Ref;
import fm.catalog.show.Show;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Entity
@Table(name = "episodes")
public class Episode extends CatalogEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "show_id", nullable = false)
    public Show show;

    @Column(nullable = false, length = 500)
    public String guid;

    @Column(nullable = false, unique = true, length = 120)
    public String slug;

    public Integer number;

    public Integer season;

    @Column(nullable = false, length = 16)
    public EpisodeType type = EpisodeType.FULL;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(length = 4000)
    public String summary;

    public String description;

    @Column(nullable = false, length = 16)
    public EpisodeStatus status = EpisodeStatus.DRAFT;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "audio_url", length = 2048)
    public String audioUrl;

    @Column(name = "audio_mime_type", length = 100)
    public String audioMimeType;

    @Column(name = "audio_size_bytes")
    public Long audioSizeBytes;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(nullable = false)
    public boolean explicit;

    @Column(length = 35)
    public String language;

    public static Optional<Episode> findByRef(Ref ref) {
        return byRef(Episode.class, ref, false);
    }

    /** The episode with its show, in one query: what a read needs; with {@code visibleOnly}, only if anonymous readers may see it. */
    public static Optional<Episode> findWithShow(Ref ref, boolean visibleOnly) {
        return find("select e from Episode e join fetch e.show where e." + (ref.id() != null ? "id" : "slug") + " = ?1"
                + (visibleOnly ? " and " + VISIBLE_HQL : ""), ref.id() != null ? ref.id() : ref.slug()).firstResultOptional();
    }


    /** Episodes by id with their shows, in one query; the caller puts them in page order. */
    public static List<Episode> listWithShows(Collection<Long> ids) {
        return list("select e from Episode e join fetch e.show where e.id in ?1", ids);
    }

    public static Optional<Episode> findByGuid(long showId, String guid) {
        return find("show.id = ?1 and guid = ?2", showId, guid).firstResultOptional();
    }

    public static Set<String> slugsTaken(List<String> candidates, Long exceptId) {
        return slugsTaken(Episode.class, candidates, exceptId);
    }

    /** The join tables through which guests and topics appear on episodes. */
    public enum Credit {
        GUEST("episode_guests", "guest_id"), TOPIC("episode_topics", "topic_id");

        final String table;
        final String column;

        Credit(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    /**
     * The condition of episodes an anonymous reader may see: published or scheduled, and due. It is
     * defined once, as the SQL function episode_visible() (V4), which every query calls, so the time
     * is always the database's and a scheduled episode goes live in lists and by ref at once.
     * For SQL over episodes aliased {@code e}:
     */
    public static final String VISIBLE = "episode_visible(e.status, e.published_at)";

    /** The same function in HQL over an Episode aliased {@code e}. */
    public static final String VISIBLE_HQL = "function('episode_visible', e.status, e.publishedAt) = true";

    /** How many episodes a guest or topic is on, for many at once: id to count. */
    public static Map<Long, Long> countsOf(Credit credit, Collection<Long> ids, boolean visibleOnly) {
        Map<Long, Long> counts = new HashMap<>();
        if (!ids.isEmpty()) {
            List<Object[]> rows = getEntityManager().createNativeQuery("select c." + credit.column + ", count(*) from " + credit.table
                    + " c join episodes e on e.id = c.episode_id where c." + credit.column + " in (:ids)"
                    + (visibleOnly ? " and " + VISIBLE : "") + " group by c." + credit.column).setParameter("ids", ids).getResultList();
            rows.forEach(r -> counts.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        }
        return counts;
    }

    /** The sort expression for "most episodes first" lists of guests or topics aliased {@code alias}. */
    public static String countExpression(Credit credit, String alias, boolean visibleOnly) {
        return "(select count(*) from " + credit.table + " c join episodes e on e.id = c.episode_id where c." + credit.column
                + " = " + alias + ".id" + (visibleOnly ? " and " + VISIBLE : "") + ")";
    }

    /**
     * Takes a guest or topic off every episode it is on. Those episodes changed, so their versions
     * grow and their search documents are rebuilt.
     */
    public static void detach(Credit credit, long id) {
        // the episodes first, in id order, as every writer of episodes locks them
        lockInOrder(Episode.class, episodesOf(credit, id));
        List<Long> episodeIds = ((List<Number>) getEntityManager().createNativeQuery("with gone as (delete from " + credit.table
                + " where " + credit.column + " = :id returning episode_id) select distinct episode_id from gone").setParameter("id", id).getResultList())
                .stream().map(Number::longValue).toList();
        if (!episodeIds.isEmpty()) {
            lockInOrder(Episode.class, episodeIds);
            getEntityManager().createNativeQuery("update episodes set version = version + 1, "
                    + "updated_at = greatest(now(), updated_at + interval '1 microsecond') where id in (:ids)")
                    .setParameter("ids", episodeIds).executeUpdate();
            refreshSearch(episodeIds);
        }
    }

    private static List<Long> episodesOf(Credit credit, long id) {
        return ((List<Number>) getEntityManager().createNativeQuery("select episode_id from " + credit.table + " where " + credit.column + " = :id")
                .setParameter("id", id).getResultList()).stream().map(Number::longValue).toList();
    }

    /**
     * Before a guest or topic is deleted: a 409 problem while it is on episodes, unless the caller
     * asked to detach it, which takes it off them.
     */
    public static void releaseForDelete(Credit credit, long id, String slug, boolean detach) {
        long episodes = countsOf(credit, List.of(id), false).getOrDefault(id, 0L);
        if (episodes > 0) {
            String kind = credit == Credit.GUEST ? "Guest" : "Topic";
            if (!detach) {
                throw ApiException.conflict(kind + " '" + slug + "' is on " + episodes
                        + " episode(s). Remove it from those episodes first, or pass ?detach=true.");
            }
            detach(credit, id);
        }
    }

    /** Rebuilds the search documents of every episode a renamed guest or topic is on. */
    public static void refreshSearchOf(Credit credit, long id) {
        List<Long> episodeIds = episodesOf(credit, id);
        lockInOrder(Episode.class, episodeIds);
        refreshSearch(episodeIds);
    }

    /** Recomputes the full-text document of these episodes (it spans guests, topics and chapters). */
    public static void refreshSearch(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            getEntityManager().createNativeQuery("select refresh_episode_search(cast(:ids as bigint[]))")
                    .setParameter("ids", ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).map(s -> "{" + s + "}").orElseThrow())
                    .getSingleResult();
        }
    }
}
