package fm.catalog.embed;

import fm.catalog.common.CatalogConfig;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The public URLs of episodes and guests (catalog.web.*), and of their embed pages on this API. */
@Singleton
public class WebUrls {

    private final CatalogConfig config;

    public WebUrls(CatalogConfig config) {
        this.config = config;
    }

    public String baseUrl() {
        return config.baseUrl();
    }

    public String providerName() {
        return config.web().providerName();
    }

    public String guestEmbed(String slug) {
        return config.baseUrl() + "/embed/guests/" + slug;
    }

    public String episodeEmbed(String slug) {
        return config.baseUrl() + "/embed/episodes/" + slug;
    }

    /** Slugs are URL-safe by construction (lowercase letters, digits, dashes), so they go in as they are. */
    public String guestPage(long id, String slug) {
        return config.web().guestUrl().map(t -> t.replace("{slug}", slug).replace("{id}", Long.toString(id))).orElseGet(() -> guestEmbed(slug));
    }

    public String episodePage(long id, String slug, String showSlug) {
        return config.web().episodeUrl()
                .map(t -> t.replace("{slug}", slug).replace("{id}", Long.toString(id)).replace("{show}", showSlug))
                .orElseGet(() -> episodeEmbed(slug));
    }

    public String oembed(String pageUrl) {
        return config.baseUrl() + "/oembed?format=json&url=" + URLEncoder.encode(pageUrl, StandardCharsets.UTF_8);
    }
}
