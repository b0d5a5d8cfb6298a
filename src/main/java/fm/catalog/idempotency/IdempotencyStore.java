package fm.catalog.idempotency;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency-Key records in PostgreSQL, so that every instance of the app sees them. Each call
 * runs in its own short transaction: the claim must be visible to a concurrent retry before the
 * write it guards has finished.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** A stored first answer. */
    public record Stored(int status, String contentType, String location, String etag, byte[] body) {
    }

    private final EntityManager em;
    private final CatalogConfig config;

    public IdempotencyStore(EntityManager em, CatalogConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * Claims the key for this request. Empty when the request should run; the stored answer when
     * it already ran; a 409 problem while it runs elsewhere; a 422 problem when the key came with
     * another request.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Stored> claim(String principal, String key, String requestHash) {
        pruneSome();
        int claimed = em.createNativeQuery("insert into idempotency_keys (principal, key, request_hash, state, created_at, expires_at) "
                        + "values (:principal, :key, :hash, 'in_flight', now(), now() + cast(:ttl as interval)) "
                        + "on conflict (principal, key) do nothing")
                .setParameter("principal", principal).setParameter("key", key).setParameter("hash", requestHash)
                .setParameter("ttl", config.idempotency().ttl().toSeconds() + " seconds").executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNativeQuery("select request_hash, state, status, content_type, location, etag, body, "
                        + "expires_at < now(), created_at < now() - cast(:lease as interval) "
                        + "from idempotency_keys where principal = :principal and key = :key for update")
                .setParameter("principal", principal).setParameter("key", key)
                .setParameter("lease", config.idempotency().lease().toSeconds() + " seconds").getResultList();
        if (rows.isEmpty()) {
            // pruned between the two statements: claim again
            return claim(principal, key, requestHash);
        }
        Object[] row = rows.get(0);
        boolean expired = (Boolean) row[7];
        boolean abandoned = "in_flight".equals(row[1]) && (Boolean) row[8];
        if (expired || (abandoned && requestHash.equals(row[0]))) {
            // a forgotten key, or a claim whose instance died mid-request: this request takes it over
            em.createNativeQuery("update idempotency_keys set request_hash = :hash, state = 'in_flight', status = null, body = null, "
                            + "created_at = now(), expires_at = now() + cast(:ttl as interval) where principal = :principal and key = :key")
                    .setParameter("hash", requestHash).setParameter("principal", principal).setParameter("key", key)
                    .setParameter("ttl", config.idempotency().ttl().toSeconds() + " seconds").executeUpdate();
            return Optional.empty();
        }
        if (!requestHash.equals(row[0])) {
            throw new ApiException(ProblemType.IDEMPOTENCY_MISMATCH,
                    "Idempotency-Key '" + key + "' was used with a different request; use a new key for a new request.");
        }
        if ("in_flight".equals(row[1])) {
            throw ApiException.conflict("A request with Idempotency-Key '" + key + "' is still being processed; retry later.");
        }
        return Optional.of(new Stored(((Number) row[2]).intValue(), (String) row[3], (String) row[4], (String) row[5], (byte[]) row[6]));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(String principal, String key, Stored answer) {
        em.createNativeQuery("update idempotency_keys set state = 'done', status = :status, content_type = :type, location = :location, "
                        + "etag = :etag, body = :body where principal = :principal and key = :key")
                .setParameter("status", answer.status()).setParameter("type", answer.contentType())
                .setParameter("location", answer.location()).setParameter("etag", answer.etag())
                .setParameter("body", answer.body()).setParameter("principal", principal).setParameter("key", key).executeUpdate();
    }

    /** Forgets a claim whose request failed on our side, so that a retry runs it again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String principal, String key) {
        em.createNativeQuery("delete from idempotency_keys where principal = :principal and key = :key")
                .setParameter("principal", principal).setParameter("key", key).executeUpdate();
    }

    /** Keys are kept for the configured time (24 hours by default), then dropped a few at a time. */
    private void pruneSome() {
        em.createNativeQuery("delete from idempotency_keys where ctid in "
                + "(select ctid from idempotency_keys where expires_at < now() limit 100)").executeUpdate();
    }
}
