package fm.catalog.security;

import fm.catalog.common.validation.Timestamp;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ApiKeyDtos {
    private ApiKeyDtos() {
    }

    @Schema(name = "ApiKeyInput")
    public record ApiKeyInput(@NotBlank @Size(max = 200) String name, @NotEmpty @Size(max = 3) List<@NotNull Scope> scopes,
                              @Schema(description = "When the key stops working (RFC 3339, in the future); never when absent",
                                      examples = "2027-06-30T00:00:00Z") @Timestamp Instant expiresAt) {
    }

    @Schema(name = "ApiKey")
    public record ApiKeyView(@Schema(required = true) Long id, @Schema(required = true) String name, @Schema(required = true) List<String> scopes,
                             @Schema(required = true, description = "The public start of the key, to recognise it") String prefix,
                             @Schema(required = true) Instant createdAt, Instant lastUsedAt, Instant revokedAt,
                             @Schema(description = "When the key stops working; never when null") Instant expiresAt,
                             @Schema(description = "When its secret was last rotated") Instant rotatedAt,
                             @Schema(description = "Until when the secret the last rotation replaced works (in the past: no longer)")
                             Instant previousSecretExpiresAt) {
        static ApiKeyView from(ApiKey key) {
            return new ApiKeyView(key.id, key.name, List.copyOf(key.scopes), ApiKeyService.TOKEN_PREFIX + key.keyId,
                    key.createdAt, key.lastUsedAt, key.revokedAt, key.expiresAt, key.rotatedAt, key.previousSecretExpiresAt);
        }
    }

    /** The answer to creating or rotating a key: the only time its secret is shown. */
    @Schema(name = "NewApiKey")
    public record NewApiKeyView(@Schema(required = true) Long id, @Schema(required = true) String name, @Schema(required = true) List<String> scopes, @Schema(required = true) String prefix,
                                @Schema(required = true) Instant createdAt, Instant expiresAt,
                                @Schema(required = true, description = "Send as 'Authorization: Bearer <secret>'. Shown only now.") String secret,
                                @Schema(description = "After a rotation: until when the secret it replaced keeps working; null for a new key")
                                Instant previousSecretExpiresAt) {
        static NewApiKeyView from(ApiKey key, String secret) {
            return new NewApiKeyView(key.id, key.name, List.copyOf(key.scopes), ApiKeyService.TOKEN_PREFIX + key.keyId, key.createdAt,
                    key.expiresAt, ApiKeyService.TOKEN_PREFIX + key.keyId + secret, key.previousSecretExpiresAt);
        }
    }
}
