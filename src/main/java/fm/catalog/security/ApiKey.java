package fm.catalog.security;

import fm.catalog.common.persistence.RowEntity;
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

    public static Optional<ApiKey> findActive(String keyId) {
        return find("keyId = ?1 and revokedAt is null", keyId).firstResultOptional();
    }

    /**
     * Records use at most once a minute per key, so that a busy script does not turn every read
     * into a write: the key's last use, loaded to authenticate it, decides whether to write at all.
     */
    void markUsed(Instant now) {
        if (lastUsedAt == null || lastUsedAt.isBefore(now.minusSeconds(60))) {
            update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)", now, id, now.minusSeconds(60));
        }
    }
}
