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

    interface Http {
        /** Cache-Control of anonymous reads. */
        @WithDefault("public, max-age=60, stale-while-revalidate=300")
        String cacheControl();
    }
}
