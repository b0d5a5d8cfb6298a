package fm.catalog.episode;

import fm.catalog.common.db.IdList;
import fm.catalog.common.persistence.CatalogEntity;
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
        IdList byIds = IdList.of(ids);
        return list("select e from Episode e join fetch e.show where " + byIds.in("e.id"), byIds.values());
    }

    public static Optional<Episode> findByGuid(long showId, String guid) {
        return find("show.id = ?1 and guid = ?2", showId, guid).firstResultOptional();
    }

    public static Set<String> slugsTaken(List<String> candidates, Long exceptId) {
        return slugsTaken(Episode.class, candidates, exceptId);
    }

    /**
     * The condition of episodes an anonymous reader may see: published or scheduled, and due. It is
     * defined once, as the SQL function episode_visible() (V4), which every query calls, so the time
     * is always the database's and a scheduled episode goes live in lists and by ref at once.
     * For SQL over episodes aliased {@code e}:
     */
    public static final String VISIBLE = visibleIn("e");

    /** The same condition over rows aliased {@code alias} that hold an episode's status and published_at (its link rows copy them, V9). */
    public static String visibleIn(String alias) {
        return "episode_visible(" + alias + ".status, " + alias + ".published_at)";
    }

    /** The same function in HQL over an Episode aliased {@code e}. */
    public static final String VISIBLE_HQL = "function('episode_visible', e.status, e.publishedAt) = true";

    /**
     * These episodes changed through another resource (a link of theirs, a guest taken off them):
     * what a PUT of them replaces moved, so their versions and updatedAt move too. They are locked.
     */
    public static void changed(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            getEntityManager().createNativeQuery("update episodes set version = version + 1, "
                    + "updated_at = greatest(now(), updated_at + interval '1 microsecond') where id in (:ids)")
                    .setParameter("ids", ids).executeUpdate();
        }
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
