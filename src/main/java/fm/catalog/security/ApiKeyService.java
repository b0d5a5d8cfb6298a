package fm.catalog.security;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.db.IdList;
import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.paging.Page;
import fm.catalog.common.paging.PageRequest;
import fm.catalog.common.paging.SortKey;
import fm.catalog.common.persistence.DbClock;
import fm.catalog.common.persistence.WireEnum;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.Validation;
import fm.catalog.security.ApiKeyDtos.ApiKeyInput;
import fm.catalog.security.ApiKeyDtos.ApiKeyView;
import fm.catalog.security.ApiKeyDtos.NewApiKeyView;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * API keys: made with a random secret shown once, kept as a SHA-256 hash, compared in constant
 * time, revoked at once. A token reads {@code pc_<key id><secret>}: the key id finds the row, the
 * secret proves the caller holds it. A key may expire ({@code expiresAt}), and a rotation gives it a
 * new secret while the one it replaces keeps working for an overlap; every instant is the database's.
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
        Instant now = DbClock.now();
        if (input.expiresAt() != null && !input.expiresAt().isAfter(now)) {
            throw ApiException.invalidField("/expiresAt", "must be in the future (it is " + now + " now)");
        }
        String keyId = random(KEY_ID_LENGTH).toLowerCase().replace('-', 'x').replace('_', 'y');
        String secret = random(43);
        ApiKey key = new ApiKey();
        key.keyId = keyId;
        key.name = input.name().strip();
        key.secretHash = sha256(secret);
        key.scopes = input.scopes().stream().distinct().map(Scope::wire).toList();
        key.createdAt = now;
        key.expiresAt = input.expiresAt();
        key.persistAndFlush();
        return NewApiKeyView.from(key, secret);
    }

    /**
     * A new secret for the key; the one it replaces keeps working for the overlap. Refused (409) while
     * an earlier rotation's overlap runs: that would end the secret it kept before the time it
     * promised, and rotations racing for one key would hand out secrets that never work. The row lock
     * orders them, and a positive overlap makes every rotation after the first see the one before.
     */
    public NewApiKeyView rotate(String id, String overlapParameter) {
        Duration overlap = overlap(overlapParameter);
        ApiKey key = parseId(id).flatMap(ApiKey::findForUpdate).orElseThrow(() -> ApiException.notFound("API key", id));
        Instant now = DbClock.now();
        if (key.revokedAt != null) {
            throw ApiException.conflict("The API key was revoked at " + key.revokedAt + "; create a new one.");
        }
        if (key.expiredAt(now)) {
            throw ApiException.conflict("The API key expired at " + key.expiresAt + "; create a new one.");
        }
        if (key.inOverlapAt(now)) {
            throw ApiException.conflict("The API key was rotated at " + key.rotatedAt + " and the secret that rotation replaced works until "
                    + key.previousSecretExpiresAt + ": rotate again after that, or revoke the key.");
        }
        String secret = random(43);
        key.previousSecretHash = key.secretHash;
        key.previousSecretExpiresAt = now.plus(overlap);
        key.secretHash = sha256(secret);
        key.rotatedAt = now;
        return NewApiKeyView.from(key, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiKeyView> list(PageRequest page) {
        KeysetQuery.Result result = new KeysetQuery("api_keys", "k").fetch(ApiKey.getEntityManager(), NEWEST, page);
        IdList byIds = IdList.of(result.ids());
        Map<Long, ApiKey> byId = ApiKey.<ApiKey>list(byIds.in("id"), byIds.values()).stream().collect(Collectors.toMap(k -> k.id, Function.identity()));
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
     * or another mechanism's). A key of ours whose secret matches but that expired, or whose secret
     * was replaced by a rotation whose overlap has ended, fails the authentication with that detail.
     * One statement (the key by its unique key_id, with now()), outside any transaction, and no
     * cache: expiry, the end of an overlap and revocation take effect on the next request. Runs on a
     * worker thread during authentication, before any request context exists: it activates one for
     * its persistence context.
     */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Principal> authenticate(String token) {
        Optional<String> bootstrap = config.bootstrapAdminKey().filter(k -> !k.isBlank());
        if (bootstrap.isPresent() && constantTimeEquals(sha256(token), sha256(bootstrap.get()))) {
            return Optional.of(new Principal(BOOTSTRAP, EnumSet.allOf(Scope.class)));
        }
        if (!token.startsWith(TOKEN_PREFIX) || token.length() <= TOKEN_PREFIX.length() + KEY_ID_LENGTH) {
            return Optional.empty();
        }
        String keyId = token.substring(TOKEN_PREFIX.length(), TOKEN_PREFIX.length() + KEY_ID_LENGTH);
        String secretHash = sha256(token.substring(TOKEN_PREFIX.length() + KEY_ID_LENGTH));
        Optional<ApiKey.Found> found = ApiKey.findActive(keyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get().key();
        Instant now = found.get().now();
        boolean current = constantTimeEquals(secretHash, key.secretHash);
        boolean previous = key.previousSecretHash != null && constantTimeEquals(secretHash, key.previousSecretHash);
        if (!current && !previous) {
            return Optional.empty();
        }
        if (key.expiredAt(now)) {
            throw refused("The API key expired at " + key.expiresAt + ".");
        }
        if (!current && !key.inOverlapAt(now)) {
            throw refused("This secret of the API key was replaced by a rotation at " + key.rotatedAt + " and stopped working at "
                    + key.previousSecretExpiresAt + "; use the new one.");
        }
        key.markUsed(now);
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        key.scopes.forEach(s -> scopes.add(WireEnum.fromWire(Scope.class, s)));
        return Optional.of(new Principal("key:" + key.id, scopes));
    }

    /** A 401 problem with this detail (ProblemMappers reads it from the cause), the challenge added by the mechanism. */
    private static AuthenticationFailedException refused(String detail) {
        return new AuthenticationFailedException(new ApiException(ProblemType.UNAUTHORIZED, detail));
    }

    /** The overlap a rotation asks for (an ISO 8601 duration), or the configured one. */
    private Duration overlap(String parameter) {
        if (parameter == null) {
            return config.keys().rotationOverlap();
        }
        Duration max = config.keys().maxRotationOverlap();
        String bounds = "must be an ISO 8601 duration more than zero and at most " + max;
        Duration overlap;
        try {
            overlap = Duration.parse(parameter);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter("overlap", bounds);
        }
        // zero would end the replaced secret at once, and racing rotations could then end each other's: revoke the key for that
        if (overlap.isNegative() || overlap.isZero() || overlap.compareTo(max) > 0) {
            throw ApiException.invalidParameter("overlap", bounds);
        }
        return overlap;
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
