package fm.catalog.show;

import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.slug.Ref;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "shows")
public class Show extends CatalogEntity {

    @Column(nullable = false, unique = true, length = 120)
    public String slug;

    @Column(nullable = false, length = 300)
    public String title;

    public String description;

    @Column(length = 300)
    public String author;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(length = 35)
    public String language;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> categories = new ArrayList<>();

    @Column(nullable = false)
    public boolean explicit;

    @Column(name = "website_url", length = 2048)
    public String websiteUrl;

    public static Optional<Show> findByRef(Ref ref) {
        return byRef(Show.class, ref, false);
    }


    public static Set<String> slugsTaken(List<String> candidates, Long exceptId) {
        return slugsTaken(Show.class, candidates, exceptId);
    }
}
