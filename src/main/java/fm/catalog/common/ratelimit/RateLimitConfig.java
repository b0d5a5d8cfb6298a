package fm.catalog.common.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rate limits (prefix {@code catalog.rate-limit}), held per instance; each is documented in the README. */
@ConfigMapping(prefix = "catalog.rate-limit")
public interface RateLimitConfig {

    /** Whether requests are limited at all (off for load tests: CATALOG_RATE_LIMIT_ENABLED=false). */
    @WithDefault("true")
    boolean enabled();

    /** Requests without an API key, per client address. */
    Anonymous anonymous();

    /** Requests with an API key, per key. */
    Key key();

    /** How many clients' buckets are held at most; the least recently used go first. */
    @WithDefault("100000")
    long maxClients();

    interface Anonymous {
        /** Requests a minute, refilled evenly over the minute. */
        @WithDefault("600")
        long perMinute();

        /** Requests that may come at once: the bucket's size, and RateLimit-Limit. */
        @WithDefault("100")
        long burst();
    }

    interface Key {
        @WithDefault("6000")
        long perMinute();

        @WithDefault("1000")
        long burst();
    }
}
