package fm.catalog.link;

import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.Slugs;
import fm.catalog.episode.Episode;
import fm.catalog.guest.Guest;
import fm.catalog.show.Show;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
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

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "episode_id")
    public Episode episode;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "guest_id")
    public Guest guest;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "show_id")
    public Show show;

    public static Optional<Link> findByRef(Ref ref) {
        return byRef(Link.class, ref, false);
    }

    /** The link a ref names; with {@code visibleOnly}, not when its episode is hidden from anonymous readers. */
    public static Optional<Link> findVisible(Ref ref, boolean visibleOnly) {
        return find("select l from Link l left join l.episode e where l." + (ref.id() != null ? "id" : "slug") + " = ?1"
                + (visibleOnly ? " and (e is null or " + Episode.VISIBLE_HQL + ")" : ""), ref.id() != null ? ref.id() : ref.slug())
                .firstResultOptional();
    }


    /** The links of many episodes in one query, each episode's in order. */
    public static List<Link> ofEpisodes(Collection<Long> episodeIds) {
        return list("select l from Link l left join fetch l.episode where l.episode.id in ?1 order by l.position, l.id", episodeIds);
    }

    public static List<Link> ofGuests(Collection<Long> guestIds) {
        return list("select l from Link l left join fetch l.guest where l.guest.id in ?1 order by l.position, l.id", guestIds);
    }

    public static List<Link> listWithOwners(Collection<Long> ids) {
        return list("select l from Link l left join fetch l.episode left join fetch l.guest left join fetch l.show where l.id in ?1", ids);
    }

    /** After the owner's last link. */
    static int nextPosition(Link link) {
        Long owner = link.episode != null ? link.episode.id : link.guest != null ? link.guest.id : link.show.id;
        String column = link.episode != null ? "episode.id" : link.guest != null ? "guest.id" : "show.id";
        Integer max = getEntityManager().createQuery("select max(l.position) from Link l where l." + column + " = :owner and l.id <> :self", Integer.class)
                .setParameter("owner", owner).setParameter("self", link.id == null ? -1L : link.id).getSingleResult();
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
