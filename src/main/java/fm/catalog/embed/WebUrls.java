package fm.catalog.embed;

import fm.catalog.common.CatalogConfig;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The public URLs of episodes and guests (catalog.web.*), and of their embed pages on this API. */
@Singleton
public class WebUrls {

    /** A guest or episode named by a URL: kind is "guests" or "episodes", ref its id or slug. */
    public record PageRef(String kind, String ref) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|slug|show)}");

    private final CatalogConfig config;
    private final Optional<Pattern> guestPages;
    private final Optional<Pattern> episodePages;

    public WebUrls(CatalogConfig config) {
        this.config = config;
        this.guestPages = config.web().guestUrl().flatMap(WebUrls::reverse);
        this.episodePages = config.web().episodeUrl().flatMap(WebUrls::reverse);
    }

    /**
     * The guest or episode whose configured web page (catalog.web.*) this URL is: the URL a partner copies from
     * the address bar is the one it pastes into an oEmbed consumer, so those are read back too.
     */
    public Optional<PageRef> webPage(String url) {
        Optional<PageRef> guest = guestPages.flatMap(p -> refIn(p, url, "guests"));
        return guest.isPresent() ? guest : episodePages.flatMap(p -> refIn(p, url, "episodes"));
    }

    private static Optional<PageRef> refIn(Pattern pattern, String url, String kind) {
        Matcher m = pattern.matcher(url);
        if (!m.matches()) {
            return Optional.empty();
        }
        // the id is the stable name; a slug is taken where the template has no id
        String id = group(m, "id");
        return Optional.of(new PageRef(kind, id != null ? id : group(m, "slug")));
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException absent) {
            return null;
        }
    }

    /** A URL template as a pattern that matches the URLs made from it; none when it names neither id nor slug. */
    private static Optional<Pattern> reverse(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        Set<String> seen = new HashSet<>();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            String name = m.group(1);
            String value = name.equals("id") ? "[1-9][0-9]*" : "[a-z0-9-]+";
            // a placeholder used twice must match the same text twice
            regex.append(seen.add(name) ? "(?<" + name + ">" + value + ")" : "\\k<" + name + ">");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        if (!seen.contains("id") && !seen.contains("slug")) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(regex.toString()));
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
