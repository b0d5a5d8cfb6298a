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
import jakarta.persistence.Query;
import jakarta.persistence.Table;
import java.util.Collection;
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
        createdAt = DbClock.now();
        updatedAt = createdAt;
    }

    /**
     * Marks a change. Called on every update, including those that only touch what a PUT of the
     * resource replaces (an episode's guests, chapters or links), so that its version, updatedAt
     * and ETag move whenever any of it changed.
     */
    public void touch() {
        // now() is when this transaction began: a write that began before the last one committed
        // would move updatedAt back. It never does, and always changes, so the version grows once.
        Instant now = DbClock.now();
        updatedAt = updatedAt != null && !now.isAfter(updatedAt) ? updatedAt.plus(1, ChronoUnit.MICROS) : now;
    }

    /**
     * The resource a ref names; with {@code lock}, locked for the rest of the transaction so that
     * concurrent writes to it queue up instead of interleaving. The lock is FOR NO KEY UPDATE: it
     * queues writers of the row, but not writers of rows that merely refer to it (an episode naming
     * a guest), so that renaming a guest and writing one of its episodes cannot deadlock.
     */
    protected static <T extends CatalogEntity> Optional<T> byRef(Class<T> type, Ref ref, boolean lock) {
        if (lock) {
            Query query = Panache.getEntityManager().createNativeQuery("select * from " + table(type) + " where "
                    + (ref.id() != null ? "id" : "slug") + " = :ref for no key update", type);
            return query.setParameter("ref", ref.id() != null ? ref.id() : ref.slug()).getResultStream().findFirst().map(type::cast);
        }
        return Panache.getEntityManager()
                .createQuery("from " + type.getSimpleName() + " where " + (ref.id() != null ? "id" : "slug") + " = :ref", type)
                .setParameter("ref", ref.id() != null ? ref.id() : ref.slug())
                .getResultStream().findFirst();
    }

    /**
     * Locks these rows until the transaction ends, in id order: every path that locks several rows of
     * a table (imports, a link moved between episodes, a guest taken off its episodes) takes them in
     * that one order, so that none of them can deadlock another.
     */
    public static void lockInOrder(Class<? extends CatalogEntity> type, Collection<Long> ids) {
        if (!ids.isEmpty()) {
            Panache.getEntityManager().createNativeQuery("select id from " + table(type) + " where id = any(cast(:ids as bigint[])) order by id for no key update")
                    .setParameter("ids", ids.stream().distinct().toArray(Long[]::new)).getResultList();
        }
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

    /**
     * Which of the candidate slugs resources of this type other than {@code exceptId} already use.
     * Their roots are locked first (SlugLocks), so that the answer stays true until this write commits.
     */
    protected static Set<String> slugsTaken(Class<? extends CatalogEntity> type, List<String> candidates, Long exceptId) {
        SlugLocks.lock(table(type), candidates);
        return new HashSet<>(Panache.getEntityManager()
                .createQuery("select slug from " + type.getSimpleName() + " where slug in :candidates and id <> :except", String.class)
                .setParameter("candidates", candidates).setParameter("except", exceptId == null ? -1L : exceptId)
                .getResultList());
    }

    /** The table of an entity type, the kind its slug locks are taken under. */
    public static String table(Class<?> type) {
        return type.getAnnotation(Table.class).name();
    }
}
