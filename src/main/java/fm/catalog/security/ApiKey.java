package fm.catalog.security;

import fm.catalog.common.persistence.RowEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "api_keys")
public class ApiKey extends RowEntity {

    /** The public part of the token, by which the key is found. */
    @Column(name = "key_id", nullable = false, unique = true, length = 32)
    public String keyId;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    public String secretHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> scopes = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** When the key stops working; never when null. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When its secret was last replaced. */
    @Column(name = "rotated_at")
    public Instant rotatedAt;

    /** The secret a rotation replaced, which keeps working until {@link #previousSecretExpiresAt}. */
    @Column(name = "previous_secret_hash", length = 64)
    public String previousSecretHash;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    /** An unrevoked key and the database's now(), read together. */
    record Found(ApiKey key, Instant now) {
    }

    /**
     * The unrevoked key of a token with the database clock, in one statement by the unique key_id:
     * authentication compares expiry and the end of a rotation's overlap with that clock, so every
     * instance agrees on the instant a secret stops, and it costs no second statement ("select now()").
     */
    static Optional<Found> findActive(String keyId) {
        return getEntityManager()
                .createQuery("select k, instant from ApiKey k where k.keyId = ?1 and k.revokedAt is null", Object[].class)
                .setParameter(1, keyId).getResultStream().findFirst()
                .map(row -> new Found((ApiKey) row[0], (Instant) row[1]));
    }

    /** The key locked for update, so that rotations of one key run one after the other. */
    static Optional<ApiKey> findForUpdate(long id) {
        return findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether the secret a rotation replaced still works at {@code now}. */
    boolean inOverlapAt(Instant now) {
        return previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt);
    }

    /**
     * Records use at most once a minute per key, so that a busy script does not turn every read
     * into a write: the key's last use, loaded to authenticate it, decides whether to write at all.
     */
    void markUsed(Instant now) {
        if (lastUsedAt == null || lastUsedAt.isBefore(now.minusSeconds(60))) {
            // authentication reads outside a transaction (no BEGIN and COMMIT on every request); this write needs one
            QuarkusTransaction.requiringNew().run(() ->
                    update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)", now, id, now.minusSeconds(60)));
        }
    }
}
