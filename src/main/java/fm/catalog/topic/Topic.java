package fm.catalog.topic;

import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.slug.Ref;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Entity
@Table(name = "topics")
public class Topic extends CatalogEntity {

    @Column(nullable = false, unique = true, length = 120)
    public String slug;

    @Column(nullable = false, length = 300)
    public String name;

    public String description;

    public static Optional<Topic> findByRef(Ref ref) {
        return byRef(Topic.class, ref, false);
    }


    public static List<Topic> listByRefs(Set<Long> ids, Set<String> slugs) {
        return list("id in ?1 or slug in ?2", ids.isEmpty() ? Set.of(-1L) : ids, slugs.isEmpty() ? Set.of("") : slugs);
    }

    public static Set<String> slugsTaken(List<String> candidates, Long exceptId) {
        return slugsTaken(Topic.class, candidates, exceptId);
    }
}
