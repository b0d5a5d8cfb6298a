package fm.catalog.security;

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
    public record ApiKeyInput(@NotBlank @Size(max = 200) String name, @NotEmpty @Size(max = 3) List<@NotNull Scope> scopes) {
    }

    @Schema(name = "ApiKey")
    public record ApiKeyView(@NotNull Long id, @NotNull String name, @NotNull List<String> scopes,
                             @NotNull @Schema(description = "The public start of the key, to recognise it") String prefix,
                             @NotNull Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static ApiKeyView from(ApiKey key) {
            return new ApiKeyView(key.id, key.name, List.copyOf(key.scopes), ApiKeyService.TOKEN_PREFIX + key.keyId,
                    key.createdAt, key.lastUsedAt, key.revokedAt);
        }
    }

    /** The answer to creating a key: the only time its secret is shown. */
    @Schema(name = "NewApiKey")
    public record NewApiKeyView(@NotNull Long id, @NotNull String name, @NotNull List<String> scopes, @NotNull String prefix,
                                @NotNull Instant createdAt,
                                @NotNull @Schema(description = "Send as 'Authorization: Bearer <secret>'. Shown only now.") String secret) {
    }
}
