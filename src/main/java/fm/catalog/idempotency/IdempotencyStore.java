package fm.catalog.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.common.CatalogConfig;
import fm.catalog.common.http.HttpCaching;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Idempotency-Key records in PostgreSQL, so that every instance of the app sees them.
 *
 * <p>A claim is committed first, in a transaction of its own, so that a retry sees it while the first
 * request runs. The request then holds the claim row locked in its own write transaction
 * (IdempotentWriteInterceptor): a retry that finds the row locked knows the first request is alive
 * (409); one that finds it unlocked and still in flight after the lease knows the request's session
 * is gone (its process died, its transaction rolled back), and takes the claim over with a new token.
 * The lease only covers the moment between the claim's commit and that lock.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** A stored first answer. */
    public record Stored(int status, String contentType, String location, String etag, byte[] body) {
    }

    private final EntityManager em;
    private final CatalogConfig config;
    private final ObjectMapper mapper;

    public IdempotencyStore(EntityManager em, CatalogConfig config, ObjectMapper mapper) {
        this.em = em;
        this.config = config;
        this.mapper = mapper;
    }

    /** What claim() found: a claim for this request (its token), or the first request's answer to replay. */
    public record Claimed(String token, Stored replay) {
    }

    /**
     * Claims the key for this request. A token when the request should run; the stored answer when
     * it already ran; a 409 problem while it runs elsewhere; a 422 problem when the key came with
     * another request.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claimed claim(String principal, String key, String requestHash) {
        pruneSome();
        String token = UUID.randomUUID().toString();
        int claimed = em.createNativeQuery("insert into idempotency_keys (principal, key, request_hash, state, claim_token, created_at, expires_at) "
                        + "values (:principal, :key, :hash, 'in_flight', cast(:token as uuid), now(), now() + cast(:ttl as interval)) "
                        + "on conflict (principal, key) do nothing")
                .setParameter("principal", principal).setParameter("key", key).setParameter("hash", requestHash)
                .setParameter("token", token).setParameter("ttl", seconds(config.idempotency().ttl())).executeUpdate();
        if (claimed == 1) {
            return new Claimed(token, null);
        }
        // a row that the first request's transaction holds is skipped: that request is alive
        List<Object[]> rows = em.createNativeQuery("select request_hash, state, status, content_type, location, etag, body, "
                        + "expires_at < now(), created_at < now() - cast(:lease as interval) "
                        + "from idempotency_keys where principal = :principal and key = :key for update skip locked")
                .setParameter("principal", principal).setParameter("key", key)
                .setParameter("lease", seconds(config.idempotency().lease())).getResultList();
        if (rows.isEmpty()) {
            boolean exists = !em.createNativeQuery("select 1 from idempotency_keys where principal = :principal and key = :key")
                    .setParameter("principal", principal).setParameter("key", key).getResultList().isEmpty();
            if (exists) {
                throw stillRunning(key);
            }
            // pruned between the two statements: claim again
            return claim(principal, key, requestHash);
        }
        Object[] row = rows.get(0);
        boolean expired = (Boolean) row[7];
        boolean abandoned = "in_flight".equals(row[1]) && (Boolean) row[8];
        if (expired || (abandoned && requestHash.equals(row[0]))) {
            // a forgotten key, or a claim no live request holds: this request takes it over
            em.createNativeQuery("update idempotency_keys set request_hash = :hash, state = 'in_flight', status = null, body = null, "
                            + "content_type = null, location = null, etag = null, claim_token = cast(:token as uuid), "
                            + "created_at = now(), expires_at = now() + cast(:ttl as interval) where principal = :principal and key = :key")
                    .setParameter("hash", requestHash).setParameter("token", token).setParameter("principal", principal).setParameter("key", key)
                    .setParameter("ttl", seconds(config.idempotency().ttl())).executeUpdate();
            return new Claimed(token, null);
        }
        if (!requestHash.equals(row[0])) {
            throw new ApiException(ProblemType.IDEMPOTENCY_MISMATCH,
                    "Idempotency-Key '" + key + "' was used with a different request; use a new key for a new request.");
        }
        if ("in_flight".equals(row[1])) {
            throw stillRunning(key);
        }
        return new Claimed(null, new Stored(((Number) row[2]).intValue(), (String) row[3], (String) row[4], (String) row[5], (byte[]) row[6]));
    }

    /**
     * In the write's transaction: locks the claim row until the write commits or rolls back, and
     * checks that it is still this request's. A 409 problem when a retry took it over meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockClaim(IdempotencyClaim.Held claim) {
        List<?> mine = em.createNativeQuery("select 1 from idempotency_keys where principal = :principal and key = :key "
                        + "and claim_token = cast(:token as uuid) and state = 'in_flight' for update")
                .setParameter("principal", claim.principal()).setParameter("key", claim.key()).setParameter("token", claim.token())
                .getResultList();
        if (mine.isEmpty()) {
            throw ApiException.conflict("A retry with Idempotency-Key '" + claim.key() + "' took this request over; it wrote nothing.");
        }
    }

    /** The answer, in the write's own transaction: the write and its record commit together or not at all. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void completeInThisTransaction(IdempotencyClaim.Held claim, Stored answer) {
        record(claim, answer);
    }

    /** The answer of a request whose transaction wrote nothing (a refusal, a dry run), in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(IdempotencyClaim.Held claim, Stored answer) {
        record(claim, answer);
    }

    private void record(IdempotencyClaim.Held claim, Stored answer) {
        em.createNativeQuery("update idempotency_keys set state = 'done', status = :status, content_type = :type, location = :location, "
                        + "etag = :etag, body = :body where principal = :principal and key = :key and claim_token = cast(:token as uuid)")
                .setParameter("status", answer.status()).setParameter("type", answer.contentType())
                .setParameter("location", answer.location()).setParameter("etag", answer.etag())
                .setParameter("body", answer.body()).setParameter("principal", claim.principal()).setParameter("key", claim.key())
                .setParameter("token", claim.token()).executeUpdate();
    }

    /** Forgets a claim whose request failed on our side (its writes rolled back), so that a retry runs it again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(IdempotencyClaim.Held claim) {
        em.createNativeQuery("delete from idempotency_keys where principal = :principal and key = :key and claim_token = cast(:token as uuid)")
                .setParameter("principal", claim.principal()).setParameter("key", claim.key()).setParameter("token", claim.token())
                .executeUpdate();
    }

    /** The answer a resource method returned, as it will be sent (HttpCaching makes the same body and ETag). */
    Stored answerOf(Object result, boolean secretInBody) {
        Response response = result instanceof Response r ? r : null;
        Object entity = response != null ? response.getEntity() : result;
        int status = response != null ? response.getStatus() : entity == null ? 204 : 200;
        byte[] body = entity == null ? null : bytes(entity);
        String type = entity == null ? null
                : response != null && response.getMediaType() != null ? response.getMediaType().toString() : MediaType.APPLICATION_JSON;
        String etag = body != null && status / 100 == 2 ? HttpCaching.etagOf(entity, body) : null;
        String location = response == null || response.getLocation() == null ? null : response.getLocation().toString();
        return new Stored(status, type, location, etag, secretInBody ? null : body);
    }

    byte[] bytes(Object entity) {
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        try {
            return entity instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException stillRunning(String key) {
        return ApiException.conflict("A request with Idempotency-Key '" + key + "' is still being processed; retry later.");
    }

    private static String seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0 + " seconds";
    }

    /** Keys are kept for the configured time (24 hours by default), then dropped a few at a time. */
    private void pruneSome() {
        em.createNativeQuery("delete from idempotency_keys where ctid in "
                + "(select ctid from idempotency_keys where expires_at < now() limit 100 for update skip locked)").executeUpdate();
    }
}
