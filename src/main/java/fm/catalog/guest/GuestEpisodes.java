package fm.catalog.guest;

import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.paging.SortKey;
import java.util.Collection;
import java.util.Map;

/**
 * What guests need of the episodes they appear on. Appearances (episode_guests) belong to the episode
 * feature, which implements this: guests never touch its tables, and the two features do not depend
 * on each other both ways.
 */
public interface GuestEpisodes {

    /** How many episodes each guest is on (only those anonymous readers see, with {@code visibleOnly}). */
    Map<Long, Long> countsOf(Collection<Long> guestIds, boolean visibleOnly);

    /** A list of guests ({@code ownerTable} aliased {@code alias}) that can sort by {@link #countSort}. */
    KeysetQuery countedQuery(String ownerTable, String alias);

    /** The -episodeCount sort of {@link #countedQuery} (by what anonymous readers see, with {@code visibleOnly}). */
    SortKey countSort(boolean visibleOnly);

    /** Before a guest is deleted: a 409 problem while it is on episodes, unless {@code detach}, which takes it off them. */
    void releaseForDelete(long guestId, String slug, boolean detach);

    /** The guest's name changed: what its episodes derive from it (their search documents) follows. */
    void renamed(long guestId);
}
