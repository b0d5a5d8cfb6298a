package fm.catalog.link;

import fm.catalog.common.db.IdList;
import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.Slugs;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A link belongs to exactly one of an episode, a guest or a show (a check constraint holds it). */
@Entity
@Table(name = "links")
public class Link extends CatalogEntity {

    @Column(nullable = false, unique = true, length = 120)
    public String slug;

    @Column(nullable = false, length = 16)
    public LinkKind kind;

    @Column(length = 300)
    public String title;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false)
    public int position;

    // Owners by id, not as associations: links know no other feature (see LinkOwner).
    @Column(name = "episode_id")
    public Long episodeId;

    @Column(name = "guest_id")
    public Long guestId;

    @Column(name = "show_id")
    public Long showId;

    /** Which kind of owner the link has. */
    public LinkOwner.Kind ownerKind() {
        return episodeId != null ? LinkOwner.Kind.EPISODE : guestId != null ? LinkOwner.Kind.GUEST : LinkOwner.Kind.SHOW;
    }

    public Long ownerId() {
        return episodeId != null ? episodeId : guestId != null ? guestId : showId;
    }

    public static Optional<Link> findByRef(Ref ref) {
        return byRef(Link.class, ref, false);
    }

    /** The links of many episodes in one query, each episode's in order. */
    public static List<Link> ofEpisodes(Collection<Long> episodeIds) {
        IdList ids = IdList.of(episodeIds);
        return list(ids.in("episodeId") + " order by position, id", ids.values());
    }

    public static List<Link> ofGuests(Collection<Long> guestIds) {
        IdList ids = IdList.of(guestIds);
        return list(ids.in("guestId") + " order by position, id", ids.values());
    }

    public static List<Link> listByIds(Collection<Long> ids) {
        IdList byIds = IdList.of(ids);
        return list(byIds.in("id"), byIds.values());
    }

    /** After the owner's last link. */
    static int nextPosition(Link link) {
        Integer max = getEntityManager().createQuery("select max(l.position) from Link l where l." + link.ownerKind().attribute
                        + " = :owner and l.id <> :self", Integer.class)
                .setParameter("owner", link.ownerId()).setParameter("self", link.id == null ? -1L : link.id).getSingleResult();
        return max == null ? 0 : max + 1;
    }

    /**
     * What a link's generated slug is made from: its owner's slug and its title, or its kind. The
     * owner's slug keeps generated slugs apart ("my-show-website" rather than "website-4711"), so
     * that choosing one needs one lookup and writes of different owners never wait for each other.
     */
    public static String slugBase(String ownerSlug, String title, LinkKind kind) {
        return Slugs.from(ownerSlug + " " + (title != null ? title : kind.wire()), "link");
    }

    public static Set<String> slugsTaken(List<String> candidates, Long exceptId) {
        return slugsTaken(Link.class, candidates, exceptId);
    }
}
