package fm.catalog.common.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.VertxProblems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Token buckets per API key and per anonymous client address (bucket4j), held in this instance's
 * memory: n instances let a client make n times the rate. The route runs before the response cache
 * (-130), so hits count like misses, and before authentication (-200), so a key is known only by
 * its token: its bucket is keyed by a hash of it (an unknown token is a 401 anyway). Every answer
 * outside /q/* carries RateLimit-Limit (the bucket's size), RateLimit-Remaining and RateLimit-Reset
 * (seconds until the bucket is full again); one over the limit is a 429 problem with Retry-After.
 *
 * <p>Tokens that turn out to be no key (401s) also cost their client address: were each random
 * token a bucket of its own, guessing keys would be unlimited, and each guess costs a database
 * look-up. Once an address has failed as often as an anonymous burst allows, its keyed requests
 * wait like anonymous ones.
 */
@Singleton
public class RateLimits {
    /** After the request id (-400), the cross-origin rules (-350) and the URI and header limits (-340). */
    public static final int ORDER = -330;
    // built once: their hash and bytes are computed here rather than on every answer
    static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
    static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
    static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");
    private static final CharSequence NONE_LEFT = HttpHeaders.createOptimized("0");

    private final boolean enabled;
    private final Plan anonymous;
    private final Plan key;
    private final Cache<String, Bucket> buckets;
    private final Function<String, Bucket> newAnonymousBucket;
    private final Function<String, Bucket> newKeyBucket;

    /** A kind of client's limit; {@code limit} is its RateLimit-Limit header's value. */
    private record Plan(long perMinute, long burst, CharSequence limit) {
        Plan(long perMinute, long burst) {
            this(perMinute, burst, HttpHeaders.createOptimized(Long.toString(burst)));
        }

        Bucket newBucket() {
            return Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1))).build();
        }

        /** How long an empty bucket takes to fill: a bucket unused for longer is full, and may be forgotten. */
        Duration refillTime() {
            return Duration.ofNanos(Math.max(1, (long) Math.ceil((double) burst * Duration.ofMinutes(1).toNanos() / perMinute)));
        }
    }

    public RateLimits(RateLimitConfig config) {
        this.enabled = config.enabled();
        this.anonymous = new Plan(config.anonymous().perMinute(), config.anonymous().burst());
        this.key = new Plan(config.key().perMinute(), config.key().burst());
        // a limit bucket4j cannot hold (zero, or over one request a nanosecond) fails the start, not each request
        anonymous.newBucket();
        key.newBucket();
        Duration longest = anonymous.refillTime().compareTo(key.refillTime()) > 0 ? anonymous.refillTime() : key.refillTime();
        // Caffeine's upkeep (the access order, expiry, eviction) runs on the request's own thread, a few entries at a time:
        // handed to the common pool, as by default, it woke a pool thread thousands of times a second under load
        this.buckets = Caffeine.newBuilder().maximumSize(config.maxClients()).expireAfterAccess(longest)
                .executor(Runnable::run).build();
        this.newAnonymousBucket = k -> anonymous.newBucket();
        this.newKeyBucket = k -> key.newBucket();
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(ORDER).handler(this::limit);
        }
    }

    private void limit(RoutingContext ctx) {
        // health probes and scrapes come from the platform, often, and must never be refused
        if (ctx.request().path().startsWith("/q/")) {
            ctx.next();
            return;
        }
        String token = bearerToken(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        String address = address(ctx.request().remoteAddress());
        ConsumptionProbe probe;
        Plan plan;
        if (token == null) {
            plan = anonymous;
            probe = buckets.get(address, newAnonymousBucket).tryConsumeAndReturnRemaining(1);
        } else {
            plan = key;
            String failures = "failed " + address;
            Bucket failed = buckets.getIfPresent(failures);
            EstimationProbe guessing = failed == null ? null : failed.estimateAbilityToConsume(1);
            if (guessing != null && !guessing.canBeConsumed()) {
                refuse(ctx, anonymous, guessing.getNanosToWaitForRefill(), guessing.getNanosToWaitForRefill());
                return;
            }
            probe = buckets.get("key " + sha256(token), newKeyBucket).tryConsumeAndReturnRemaining(1);
            ctx.addHeadersEndHandler(v -> {
                if (ctx.response().getStatusCode() == 401) {
                    buckets.get(failures, newAnonymousBucket).tryConsume(1);
                }
            });
        }
        if (!probe.isConsumed()) {
            refuse(ctx, plan, probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset());
            return;
        }
        ctx.response().putHeader(LIMIT, plan.limit())
                .putHeader(REMAINING, Long.toString(probe.getRemainingTokens()))
                .putHeader(RESET, Long.toString(seconds(probe.getNanosToWaitForReset())));
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, Plan plan, long nanosToNext, long nanosToFull) {
        long retryAfter = Math.max(1, seconds(nanosToNext));
        ctx.response().putHeader(LIMIT, plan.limit()).putHeader(REMAINING, NONE_LEFT)
                .putHeader(RESET, Long.toString(Math.max(retryAfter, seconds(nanosToFull))))
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        VertxProblems.send(ctx, ProblemType.TOO_MANY_REQUESTS, "More than " + plan.perMinute() + " requests a minute (bursts of "
                + plan.burst() + "); nothing was done. Send it again in " + retryAfter + " s.");
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * The client's address as Vert.x sees it: the peer's, or the one a proxy forwarded when
     * quarkus.http.proxy.proxy-address-forwarding is on.
     */
    private static String address(SocketAddress remote) {
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    /** The token of "Bearer &lt;token&gt;" in any case; any other credential counts as anonymous (and is a 401). */
    static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** Buckets are kept by a digest of the key, never the secret itself. */
    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
