package fm.catalog.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The catalog's own settings (prefix {@code catalog}); each is documented in the README. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** Public base URL of this API, used in links it hands out (feedUrl). */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    Http http();

    /** A key with every scope, for bootstrapping (CATALOG_BOOTSTRAP_ADMIN_KEY); none when unset. */
    java.util.Optional<String> bootstrapAdminKey();

    Idempotency idempotency();

    interface Idempotency {
        /** How long an Idempotency-Key is remembered (at least 24 hours by contract). */
        @WithDefault("24h")
        java.time.Duration ttl();

        /** How long a request may hold a key before a retry may take over (a crashed instance). */
        @WithDefault("5m")
        java.time.Duration lease();
    }

    interface Http {
        /** Cache-Control of anonymous reads. */
        @WithDefault("public, max-age=60, stale-while-revalidate=300")
        String cacheControl();

        /** Origins from which browsers may write (CORS); reads are open to every origin. */
        java.util.Optional<java.util.List<String>> writeOrigins();
    }
}
