package fm.catalog.episode;

import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.paging.SortKey;
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
    /** The owner's kind in episode_counts (migration V9). */
    private final String counted;

    private Appearances(String table, String column, String kind, String counted) {
        this.table = table;
        this.column = column;
        this.kind = kind;
        this.counted = counted;
    }

    static final Appearances GUESTS = new Appearances("episode_guests", "guest_id", "Guest", "guest");
    static final Appearances TOPICS = new Appearances("episode_topics", "topic_id", "Topic", "topic");

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    /**
     * Exact counts from the maintained counters (episode_count(), V9): the folded counter, the deltas
     * not folded yet, less the episodes not due yet. One statement whatever the number of owners, and
     * no count of their rows.
     */
    Map<Long, Long> countsOf(Collection<Long> ids, boolean visibleOnly) {
        Map<Long, Long> counts = new HashMap<>();
        if (!ids.isEmpty()) {
            List<Object[]> rows = em().createNativeQuery("select n.owner_id, episode_count(n.kind, n.owner_id, :visible) from episode_counts n "
                    + "where n.kind = '" + counted + "' and n.owner_id in (:ids)")
                    .setParameter("visible", visibleOnly).setParameter("ids", ids).getResultList();
            rows.forEach(r -> counts.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        }
        return counts;
    }

    /**
     * Owners sorted by their episode count: the counter rows, joined to the owners' table, from the
     * index on (kind, count, owner_id). The order is the last fold's (at most some 250 ms old); the
     * counts shown are exact (countsOf).
     */
    KeysetQuery countedQuery(String ownerTable, String alias) {
        return KeysetQuery.over(ownerTable + " " + alias + " join episode_counts n on n.kind = '" + counted + "' and n.owner_id = "
                + alias + ".id", "n.owner_id");
    }

    static SortKey countSort(boolean visibleOnly) {
        return SortKey.desc("-episodeCount", visibleOnly ? "n.visible" : "n.episodes", "bigint");
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

        public KeysetQuery countedQuery(String ownerTable, String alias) {
            return GUESTS.countedQuery(ownerTable, alias);
        }

        public SortKey countSort(boolean visibleOnly) {
            return Appearances.countSort(visibleOnly);
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

        public KeysetQuery countedQuery(String ownerTable, String alias) {
            return TOPICS.countedQuery(ownerTable, alias);
        }

        public SortKey countSort(boolean visibleOnly) {
            return Appearances.countSort(visibleOnly);
        }

        public void releaseForDelete(long topicId, String slug, boolean detach) {
            TOPICS.releaseForDelete(topicId, slug, detach);
        }

        public void renamed(long topicId) {
            TOPICS.renamed(topicId);
        }
    }
}
