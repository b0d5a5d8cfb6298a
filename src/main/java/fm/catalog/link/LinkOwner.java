package fm.catalog.link;

import fm.catalog.common.slug.Ref;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * An owner of links: episodes, guests or shows, each implemented by its own feature, so that links
 * depend on none of them (they depend on links, whose views they embed).
 */
public interface LinkOwner {

    /** Which owner this is. */
    Kind kind();

    /** The owner a ref names; with {@code visibleOnly}, only one anonymous readers may see. */
    Optional<Long> idOf(Ref ref, boolean visibleOnly);

    /** The slugs of these owners, by id. */
    Map<Long, String> slugsOf(Collection<Long> ids);

    /** An SQL condition over links aliased {@code l}: true unless the link's owner of this kind is hidden from anonymous readers. */
    default String visibleCondition() {
        return null;
    }

    /** Before a link of these owners changes: locks what must not change meanwhile (before the link itself). */
    default void lockForLinkChange(Collection<Long> ids) {
    }

    /** A link of these owners changed: what follows from it (an episode's version) follows. */
    default void linksChanged(Collection<Long> ids) {
    }

    /** The kinds of owner, with the link column and the pointer of each. */
    enum Kind {
        EPISODE("episode", "episode_id", "episodeId"), GUEST("guest", "guest_id", "guestId"), SHOW("show", "show_id", "showId");

        public final String wire;
        final String column;
        final String attribute;

        Kind(String wire, String column, String attribute) {
            this.wire = wire;
            this.column = column;
            this.attribute = attribute;
        }
    }
}
