package fm.catalog.common.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import fm.catalog.common.http.IfMatch;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.slug.Ref;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.temporal.ChronoUnit;

/**
 * What every catalog resource has: an id from the shared sequence, timestamps and a version that
 * Hibernate checks on every update (optimistic locking) and that ETags and If-Match are built on.
 */
@MappedSuperclass
public abstract class CatalogEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "catalog_seq")
    @SequenceGenerator(name = "catalog_seq", sequenceName = "catalog_seq", allocationSize = 50)
    public Long id;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public long version;

    @PrePersist
    void onCreate() {
        createdAt = now();
        updatedAt = createdAt;
    }

    /**
     * Marks a change. Called on every update, including those that only touch child rows (an
     * episode's guests), so that the version grows whenever the representation may have changed.
     */
    public void touch() {
        updatedAt = now();
    }

    /**
     * The resource a ref names; with {@code lock}, locked for the rest of the transaction so that
     * concurrent writes to it queue up instead of interleaving.
     */
    protected static <T extends CatalogEntity> Optional<T> byRef(Class<T> type, Ref ref, boolean lock) {
        TypedQuery<T> query = Panache.getEntityManager()
                .createQuery("from " + type.getSimpleName() + " where " + (ref.id() != null ? "id" : "slug") + " = :ref", type)
                .setParameter("ref", ref.id() != null ? ref.id() : ref.slug());
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    /**
     * The resource a write is about: locked until the transaction ends, so that concurrent writes
     * queue up, then checked against If-Match. A 404 problem when no such resource exists.
     */
    public static <T extends CatalogEntity> T lockForWrite(Class<T> type, Ref ref, IfMatch ifMatch, String kind) {
        T entity = byRef(type, ref, true).orElseThrow(() -> ApiException.notFound(kind, ref));
        ifMatch.check(entity.version);
        return entity;
    }

    /** Which of the candidate slugs resources of this type other than {@code exceptId} already use. */
    protected static Set<String> slugsTaken(Class<? extends CatalogEntity> type, List<String> candidates, Long exceptId) {
        return new HashSet<>(Panache.getEntityManager()
                .createQuery("select slug from " + type.getSimpleName() + " where slug in :candidates and id <> :except", String.class)
                .setParameter("candidates", candidates).setParameter("except", exceptId == null ? -1L : exceptId)
                .getResultList());
    }

    /** PostgreSQL keeps microseconds; truncating here makes what we answer equal what we read back. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
