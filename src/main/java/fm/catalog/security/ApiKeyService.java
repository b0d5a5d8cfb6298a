package fm.catalog.security;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.persistence.DbClock;
import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.paging.Page;
import fm.catalog.common.paging.PageRequest;
import fm.catalog.common.paging.SortKey;
import fm.catalog.common.persistence.WireEnum;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Validation;
import fm.catalog.security.ApiKeyDtos.ApiKeyInput;
import fm.catalog.security.ApiKeyDtos.ApiKeyView;
import fm.catalog.security.ApiKeyDtos.NewApiKeyView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * API keys: made with a random secret shown once, kept as a SHA-256 hash, compared in constant
 * time, revoked at once. A token reads {@code pc_<key id><secret>}: the key id finds the row, the
 * secret proves the caller holds it.
 */
@ApplicationScoped
@Transactional
public class ApiKeyService {
    static final String TOKEN_PREFIX = "pc_";
    private static final int KEY_ID_LENGTH = 12;
    private static final String BOOTSTRAP = "bootstrap";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SortKey NEWEST = SortKey.desc("-createdAt", "k.created_at", "timestamptz");

    /** Who a token belongs to and what it may do. */
    public record Principal(String name, EnumSet<Scope> scopes) {
    }

    private final CatalogConfig config;
    private final Validation validation;

    public ApiKeyService(CatalogConfig config, Validation validation) {
        this.config = config;
        this.validation = validation;
    }

    public NewApiKeyView create(ApiKeyInput input) {
        validation.valid(input);
        String keyId = random(KEY_ID_LENGTH).toLowerCase().replace('-', 'x').replace('_', 'y');
        String secret = random(43);
        ApiKey key = new ApiKey();
        key.keyId = keyId;
        key.name = input.name().strip();
        key.secretHash = sha256(secret);
        key.scopes = input.scopes().stream().distinct().map(Scope::wire).toList();
        key.createdAt = DbClock.now();
        key.persistAndFlush();
        return new NewApiKeyView(key.id, key.name, List.copyOf(key.scopes), TOKEN_PREFIX + keyId, key.createdAt,
                TOKEN_PREFIX + keyId + secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiKeyView> list(PageRequest page) {
        KeysetQuery.Result result = new KeysetQuery("api_keys", "k").fetch(ApiKey.getEntityManager(), NEWEST, page);
        Map<Long, ApiKey> byId = ApiKey.<ApiKey>list("id in ?1", result.ids()).stream().collect(Collectors.toMap(k -> k.id, Function.identity()));
        return result.page(result.ids().stream().map(byId::get).map(ApiKeyView::from).toList());
    }

    public void revoke(String id) {
        ApiKey key = parseId(id).flatMap(keyId -> ApiKey.<ApiKey>findByIdOptional(keyId)).orElseThrow(() -> ApiException.notFound("API key", id));
        if (key.revokedAt == null) {
            key.revokedAt = DbClock.now();
        }
    }

    /**
     * The principal of a bearer token, or empty when the token is no key of ours (unknown, revoked,
     * or another mechanism's). Runs on a worker thread during authentication, before any request
     * context exists: it activates one for the persistence context of its transaction.
     */
    @ActivateRequestContext
    public Optional<Principal> authenticate(String token) {
        Optional<String> bootstrap = config.bootstrapAdminKey().filter(k -> !k.isBlank());
        if (bootstrap.isPresent() && constantTimeEquals(sha256(token), sha256(bootstrap.get()))) {
            return Optional.of(new Principal(BOOTSTRAP, EnumSet.allOf(Scope.class)));
        }
        if (token.startsWith(TOKEN_PREFIX) && token.length() > TOKEN_PREFIX.length() + KEY_ID_LENGTH) {
            String keyId = token.substring(TOKEN_PREFIX.length(), TOKEN_PREFIX.length() + KEY_ID_LENGTH);
            String secret = token.substring(TOKEN_PREFIX.length() + KEY_ID_LENGTH);
            Optional<ApiKey> key = ApiKey.findActive(keyId);
            if (key.isPresent() && constantTimeEquals(sha256(secret), key.get().secretHash)) {
                key.get().markUsed(DbClock.now());
                EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
                key.get().scopes.forEach(s -> scopes.add(WireEnum.fromWire(Scope.class, s)));
                return Optional.of(new Principal("key:" + key.get().id, scopes));
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
