package fm.catalog.episode;

import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.problem.ApiException;
import fm.catalog.guest.GuestEpisodes;
import fm.catalog.topic.TopicEpisodes;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the tables through which guests and topics appear on episodes (episode_guests,
 * episode_topics), which the episode feature owns: counts, sorting by them, detaching, and the
 * search documents that follow a renamed guest or topic. Guests and topics reach it through their
 * own interfaces (GuestEpisodes, TopicEpisodes), implemented below.
 */
final class Appearances {
    private final String table;
    private final String column;
    private final String kind;

    private Appearances(String table, String column, String kind) {
        this.table = table;
        this.column = column;
        this.kind = kind;
    }

    static final Appearances GUESTS = new Appearances("episode_guests", "guest_id", "Guest");
    static final Appearances TOPICS = new Appearances("episode_topics", "topic_id", "Topic");

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    Map<Long, Long> countsOf(Collection<Long> ids, boolean visibleOnly) {
        Map<Long, Long> counts = new HashMap<>();
        if (!ids.isEmpty()) {
            List<Object[]> rows = em().createNativeQuery("select c." + column + ", count(*) from " + table
                    + " c join episodes e on e.id = c.episode_id where c." + column + " in (:ids)"
                    + (visibleOnly ? " and " + Episode.VISIBLE : "") + " group by c." + column).setParameter("ids", ids).getResultList();
            rows.forEach(r -> counts.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        }
        return counts;
    }

    String countExpression(String alias, boolean visibleOnly) {
        return "(select count(*) from " + table + " c join episodes e on e.id = c.episode_id where c." + column
                + " = " + alias + ".id" + (visibleOnly ? " and " + Episode.VISIBLE : "") + ")";
    }

    void releaseForDelete(long id, String slug, boolean detach) {
        long episodes = countsOf(List.of(id), false).getOrDefault(id, 0L);
        if (episodes > 0) {
            if (!detach) {
                throw ApiException.conflict(kind + " '" + slug + "' is on " + episodes
                        + " episode(s). Remove it from those episodes first, or pass ?detach=true.");
            }
            detach(id);
        }
    }

    /**
     * Takes a guest or topic off every episode it is on. Those episodes changed (a PUT of them
     * replaces their guests and topics), so their versions grow and their search documents are rebuilt.
     */
    private void detach(long id) {
        // the episodes first, in id order, as every writer of episodes locks them
        CatalogEntity.lockInOrder(Episode.class, episodesOf(id));
        List<Long> episodeIds = ((List<Number>) em().createNativeQuery("with gone as (delete from " + table
                + " where " + column + " = :id returning episode_id) select distinct episode_id from gone").setParameter("id", id).getResultList())
                .stream().map(Number::longValue).toList();
        if (!episodeIds.isEmpty()) {
            CatalogEntity.lockInOrder(Episode.class, episodeIds);
            Episode.changed(episodeIds);
            Episode.refreshSearch(episodeIds);
        }
    }

    /** Rebuilds the search documents of every episode a renamed guest or topic is on. */
    void renamed(long id) {
        List<Long> episodeIds = episodesOf(id);
        CatalogEntity.lockInOrder(Episode.class, episodeIds);
        Episode.refreshSearch(episodeIds);
    }

    private List<Long> episodesOf(long id) {
        return ((List<Number>) em().createNativeQuery("select episode_id from " + table + " where " + column + " = :id")
                .setParameter("id", id).getResultList()).stream().map(Number::longValue).toList();
    }

    @ApplicationScoped
    static class OfGuests implements GuestEpisodes {
        public Map<Long, Long> countsOf(Collection<Long> guestIds, boolean visibleOnly) {
            return GUESTS.countsOf(guestIds, visibleOnly);
        }

        public String countExpression(String alias, boolean visibleOnly) {
            return GUESTS.countExpression(alias, visibleOnly);
        }

        public void releaseForDelete(long guestId, String slug, boolean detach) {
            GUESTS.releaseForDelete(guestId, slug, detach);
        }

        public void renamed(long guestId) {
            GUESTS.renamed(guestId);
        }
    }

    @ApplicationScoped
    static class OfTopics implements TopicEpisodes {
        public Map<Long, Long> countsOf(Collection<Long> topicIds, boolean visibleOnly) {
            return TOPICS.countsOf(topicIds, visibleOnly);
        }

        public String countExpression(String alias, boolean visibleOnly) {
            return TOPICS.countExpression(alias, visibleOnly);
        }

        public void releaseForDelete(long topicId, String slug, boolean detach) {
            TOPICS.releaseForDelete(topicId, slug, detach);
        }

        public void renamed(long topicId) {
            TOPICS.renamed(topicId);
        }
    }
}
