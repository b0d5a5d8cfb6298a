package fm.catalog.guest;

import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.slug.Ref;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Entity
@Table(name = "guests")
public class Guest extends CatalogEntity {

    @Column(nullable = false, unique = true, length = 120)
    public String slug;

    @Column(nullable = false, length = 300)
    public String name;

    @Column(length = 500)
    public String headline;

    @Column(length = 300)
    public String organization;

    public String bio;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(name = "website_url", length = 2048)
    public String websiteUrl;

    public static Optional<Guest> findByRef(Ref ref) {
        return byRef(Guest.class, ref, false);
    }


    /** Guests named by any of the refs, in one query (ids and slugs mixed). */
    public static List<Guest> listByRefs(Set<Long> ids, Set<String> slugs) {
        return list("id in ?1 or slug in ?2", ids.isEmpty() ? Set.of(-1L) : ids, slugs.isEmpty() ? Set.of("") : slugs);
    }

    public static Set<String> slugsTaken(List<String> candidates, Long exceptId) {
        return slugsTaken(Guest.class, candidates, exceptId);
    }
}
