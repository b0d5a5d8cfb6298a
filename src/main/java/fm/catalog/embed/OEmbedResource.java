package fm.catalog.embed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import fm.catalog.common.paging.QueryParams;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.slug.Ref;
import fm.catalog.episode.EpisodeDtos.EpisodeView;
import fm.catalog.episode.EpisodeService;
import fm.catalog.guest.GuestDtos.GuestView;
import fm.catalog.guest.GuestService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * oEmbed 1.0 (https://oembed.com) for the guest and episode URLs of this catalog: a rich answer
 * whose html is an iframe of the embed page. JSON only; XML, which the format also defines, is a 501 as the
 * spec asks of a provider that does not offer it.
 */
@Path("/oembed")
@Tag(name = "Embeds")
@Produces(MediaType.APPLICATION_JSON)
public class OEmbedResource {

    static final int GUEST_WIDTH = 480;
    static final int GUEST_HEIGHT = 420;
    static final int EPISODE_WIDTH = 480;
    static final int EPISODE_HEIGHT = 320;
    /** cache_age: consumers may keep an answer an hour; a guest's or episode's title and embed URL rarely change. */
    static final int CACHE_AGE = 3600;

    /** /embed/guests/{ref} or /v1/guests/{ref}, the same for episodes. */
    private static final Pattern RESOURCE = Pattern.compile("/(?:embed|v1)/(guests|episodes)/([^/?#]+)/?");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance iframe(String src, int width, int height, String title);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OEmbed", description = "An oEmbed 1.0 rich response")
    public record OEmbed(@Schema(required = true) String version, @Schema(required = true) String type, @Schema(required = true) String html,
                         @Schema(required = true) int width, @Schema(required = true) int height, String title,
                         @JsonProperty("author_name") String authorName, @JsonProperty("author_url") String authorUrl,
                         @JsonProperty("provider_name") @Schema(required = true) String providerName,
                         @JsonProperty("provider_url") @Schema(required = true) String providerUrl,
                         @JsonProperty("cache_age") int cacheAge,
                         @JsonProperty("thumbnail_url") String thumbnailUrl) {
    }

    private final GuestService guests;
    private final EpisodeService episodes;
    private final WebUrls urls;

    public OEmbedResource(GuestService guests, EpisodeService episodes, WebUrls urls) {
        this.guests = guests;
        this.episodes = episodes;
        this.urls = urls;
    }

    @GET
    @Operation(operationId = "getOEmbed", summary = "oEmbed for a guest or episode URL of this catalog",
            description = "Accepts the embed page (/embed/guests/{ref}, /embed/episodes/{ref}) or the API URL (/v1/guests/{ref}, /v1/episodes/{ref}) "
                    + "on this catalog's base URL, and the guest and episode pages of catalog.web.* when those are configured. Answers type rich with an iframe of the embed page, within maxwidth and maxheight.")
    @APIResponse(responseCode = "200", description = "The oEmbed response")
    @APIResponse(responseCode = "404", description = "Not a guest or episode URL of this catalog, or none with that ref")
    @APIResponse(responseCode = "501", description = "A format other than json")
    public OEmbed getOEmbed(@QueryParam("url") @Parameter(required = true, description = "The guest or episode URL", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, maxLength = 2000)) String url,
                            @QueryParam("format") @Parameter(description = "json (the default); xml is not offered", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, enumeration = {"json", "xml"})) String format,
                            @QueryParam("maxwidth") @Parameter(description = "Widest the iframe may be, in pixels", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "1")) String maxwidth,
                            @QueryParam("maxheight") @Parameter(description = "Tallest the iframe may be, in pixels", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "1")) String maxheight) {
        if (format != null && !format.equals("json")) {
            throw new ApiException(ProblemType.NOT_IMPLEMENTED, "Only format=json is offered.");
        }
        if (url == null || url.isBlank()) {
            throw ApiException.invalidParameter("url", "is required");
        }
        Integer maxWidth = QueryParams.integer("maxwidth", maxwidth, 1, 100_000);
        Integer maxHeight = QueryParams.integer("maxheight", maxheight, 1, 100_000);
        WebUrls.PageRef resource = resourceOf(url.trim());
        String kind = resource.kind();
        String ref = resource.ref();
        if (kind.equals("guests")) {
            GuestView guest = guests.get(Ref.parse(ref));
            return answer(urls.guestEmbed(guest.slug()), guest.name(), null, null, guest.imageUrl(), GUEST_WIDTH, GUEST_HEIGHT, maxWidth, maxHeight);
        }
        EpisodeView episode = episodes.get(Ref.parse(ref));
        return answer(urls.episodeEmbed(episode.slug()), episode.title(), episode.show().title(),
                urls.baseUrl() + "/v1/shows/" + episode.show().slug(), episode.imageUrl(), EPISODE_WIDTH, EPISODE_HEIGHT, maxWidth, maxHeight);
    }

    /** The URL as one of ours (on this API or the configured web pages), or a 404: oEmbed's answer for a URL the provider does not know. */
    private WebUrls.PageRef resourceOf(String url) {
        try {
            URI uri = new URI(url);
            URI base = new URI(urls.baseUrl());
            String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
            String path = uri.getRawPath();
            if (uri.getScheme() != null && uri.getHost() != null && path != null
                    && base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
                    && port(base) == port(uri) && path.startsWith(basePath)) {
                Matcher m = RESOURCE.matcher(path.substring(basePath.length()));
                if (m.matches()) {
                    return new WebUrls.PageRef(m.group(1), m.group(2));
                }
            }
        } catch (URISyntaxException e) {
            // not a URL of this API; perhaps one of the web pages
        }
        return urls.webPage(url).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "Not a guest or episode URL of this catalog: " + url));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private OEmbed answer(String embedUrl, String title, String authorName, String authorUrl, String thumbnail,
                          int width, int height, Integer maxWidth, Integer maxHeight) {
        int w = maxWidth == null ? width : Math.min(width, maxWidth);
        int h = maxHeight == null ? height : Math.min(height, maxHeight);
        // Qute escapes the title (and everything else) in the iframe's attributes.
        String html = Templates.iframe(embedUrl, w, h, title).render();
        return new OEmbed("1.0", "rich", html, w, h, title, authorName, authorUrl, urls.providerName(), urls.baseUrl(), CACHE_AGE, thumbnail);
    }
}
