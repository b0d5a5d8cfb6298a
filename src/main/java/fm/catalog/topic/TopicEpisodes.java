package fm.catalog.topic;

import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.paging.SortKey;
import java.util.Collection;
import java.util.Map;

/**
 * What topics need of the episodes they are on. Appearances (episode_topics) belong to the episode
 * feature, which implements this: topics never touch its tables, and the two features do not depend
 * on each other both ways.
 */
public interface TopicEpisodes {

    /** How many episodes each topic is on (only those anonymous readers see, with {@code visibleOnly}). */
    Map<Long, Long> countsOf(Collection<Long> topicIds, boolean visibleOnly);

    /** A list of topics ({@code ownerTable} aliased {@code alias}) that can sort by {@link #countSort}. */
    KeysetQuery countedQuery(String ownerTable, String alias);

    /** The -episodeCount sort of {@link #countedQuery} (by what anonymous readers see, with {@code visibleOnly}). */
    SortKey countSort(boolean visibleOnly);

    /** Before a topic is deleted: a 409 problem while it is on episodes, unless {@code detach}, which takes it off them. */
    void releaseForDelete(long topicId, String slug, boolean detach);

    /** The topic's name changed: what its episodes derive from it (their search documents) follows. */
    void renamed(long topicId);
}
