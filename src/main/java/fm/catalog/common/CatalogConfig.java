package fm.catalog.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.eclipse.microprofile.config.spi.Converter;

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

    Cache cache();

    Web web();

    Search search();

    interface Search {
        /**
         * Episodes a search sorted by relevance ranks at most: the newest this many matches. Ranking reads every
         * candidate's text, and a common word matches a tenth of the catalog; other sorts page through every match.
         */
        @WithDefault("1000")
        int rankedMatches();
    }

    Keys keys();

    /** API keys (fm.catalog.security): how a rotation hands over from the old secret to the new. */
    interface Keys {
        /** How long the secret a rotation replaces keeps working, unless the rotation asks for another overlap. */
        @WithDefault("24h")
        java.time.Duration rotationOverlap();

        /** The longest overlap a rotation may ask for. */
        @WithDefault("7d")
        java.time.Duration maxRotationOverlap();
    }

    Feed feed();

    /** Podcast feeds (fm.catalog.feed): how many are built at once, and how long a build waits for its turn. */
    interface Feed {
        /**
         * Feeds built or sent at once (a large show's is megabytes, held while it is written and sent); when unset,
         * max(2, cores).
         */
        @WithConverter(Positive.class)
        java.util.Optional<Integer> builds();

        /** How long a feed that is not cached waits for its turn to be built; past it, a 503 with Retry-After. */
        @WithDefault("20s")
        java.time.Duration buildWait();
    }

    Db db();

    /** Deadlines of database work; values are PostgreSQL durations (15s, 500ms, 1min). */
    interface Db {
        /** statement_timeout of every statement a request runs: past it, a 503 problem. */
        @WithDefault("15s")
        String statementTimeout();

        /** statement_timeout within an import's transaction, whose statements each write a whole batch. */
        @WithDefault("60s")
        String importStatementTimeout();

        /**
         * Seconds the driver waits for an answer of the server before it drops the connection: a network
         * that goes silent (no reset) would otherwise hold a request, and its pooled connection, for as long
         * as TCP retries. Longer than every deadline above, so that a slow statement ends by its deadline
         * (a 503) and never by this. Read by quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout.
         */
        @WithDefault("90")
        int socketTimeout();
    }

    /** Where the catalog's public web pages are, for the links embeds, oEmbed and JSON-LD hand out. */
    interface Web {
        /** Name of this catalog as oEmbed's provider_name and in pages. */
        @WithDefault("Podcast Catalog")
        String providerName();

        /**
         * Page of an episode, with {slug}, {id} and {show} (the show's slug) filled in; when unset,
         * the episode's embed page on this API.
         */
        java.util.Optional<String> episodeUrl();

        /** Page of a guest, with {slug} and {id}; when unset, the guest's embed page on this API. */
        java.util.Optional<String> guestUrl();
    }

    interface Cache {
        /** Whether anonymous GETs are answered from memory (see fm.catalog.common.cache.ResponseCache). */
        @WithDefault("true")
        boolean enabled();

        /** Bytes the cached answers may hold at most (bodies, headers, keys); the least used go first. */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize maxSize();
    }

    interface Idempotency {
        /** How long an Idempotency-Key is remembered (at least 24 hours by contract). */
        @WithDefault("24h")
        java.time.Duration ttl();

        /**
         * How long a claim that no request holds locked blocks retries. A request holds its claim's
         * row locked while it writes, and that lock dies with its database session, so this only
         * bridges the moment between the claim and the write's first statement: after it, a retry of
         * a request whose process died takes over.
         */
        @WithDefault("5s")
        java.time.Duration lease();
    }

    interface Http {
        /** Cache-Control of anonymous reads. */
        @WithDefault("public, max-age=60, stale-while-revalidate=300")
        String cacheControl();

        /** Origins from which browsers may write (CORS); reads are open to every origin. */
        java.util.Optional<java.util.List<String>> writeOrigins();

        /** Longest request URI (path and query) answered; a longer one is a 414 problem. */
        @WithDefault("8192")
        int maxUriLength();

        /** Most bytes a request's headers may hold together; more is a 431 problem. */
        @WithDefault("16K")
        io.quarkus.runtime.configuration.MemorySize maxHeaderBytes();

        AccessLog accessLog();

        /** The access log (fm.catalog.common.http.AccessLog). */
        interface AccessLog {
            @WithDefault("true")
            boolean enabled();

            /** Share of fast successful reads logged (0 to 1); writes, errors and slow requests always are. */
            @WithDefault("0.01")
            double sample();

            /** A request that takes this long is always logged. */
            @WithDefault("100ms")
            java.time.Duration slow();
        }

        /** Per-endpoint request metrics (fm.catalog.common.metrics.HttpMetrics); off only to measure what they cost. */
        @WithName("metrics.enabled")
        @WithDefault("true")
        boolean metricsEnabled();
    }

    /**
     * A count that must be at least 1, refused when the configuration is read (the start fails and names the value).
     * A converter rather than a Bean Validation constraint: one constraint on any mapping makes Quarkus build a
     * validator over every configuration class of every extension at each start (a fifth of the CPU of a start).
     */
    class Positive implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1: " + value);
            }
            return n;
        }
    }
}
