package fm.catalog.embed;

import fm.catalog.common.http.MediaTypes;
import fm.catalog.common.http.Rendered;
import fm.catalog.common.paging.PageRequest;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.slug.Ref;
import fm.catalog.episode.EpisodeDtos.EpisodeView;
import fm.catalog.episode.EpisodeFilter;
import fm.catalog.episode.EpisodeService;
import fm.catalog.guest.GuestDtos.GuestView;
import fm.catalog.guest.GuestService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Small HTML cards of a guest and of an episode, for partner sites to put in an iframe. Qute writes
 * them from templates whose .html suffix escapes every expression, so catalog text is only ever text. The
 * Content-Security-Policy lets any site frame them and lets no script run in them: the JSON-LD
 * block is data, not script.
 */
@Path("/embed")
@Tag(name = "Embeds")
@Produces(MediaTypes.HTML)
public class EmbedResource {

    /** No script, no plugin, no form; inline styles and images from anywhere; framable by any site. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; "
            + "media-src http: https:; base-uri 'none'; form-action 'none'; frame-ancestors *";
    /** What every error page carries, the resource's own and the edge's (HtmlProblems). */
    static final Map<String, String> ERROR_HEADERS = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff", "Cache-Control", "no-store");
    /** How many of a guest's episodes a card lists, newest first. */
    static final int LATEST = 5;
    /** Bios can be long; a card shows this many characters and links to the rest. */
    static final int BIO_LENGTH = 600;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance guest(GuestCard card);

        static native TemplateInstance episode(EpisodeCard card);

        static native TemplateInstance error(Page page, String detail);
    }

    /** What the layout puts in every page's head: the title, and for a card its oEmbed discovery link and JSON-LD. */
    record Page(String title, String provider, String oembedUrl, String jsonLd) {
    }

    record EpisodeLine(String title, String url, String day, String show) {
    }

    record GuestCard(GuestView guest, String bio, String pageUrl, List<EpisodeLine> episodes, Page page) {
    }

    record Credit(String name, String role, String url) {
    }

    record EpisodeCard(EpisodeView episode, String summary, String pageUrl, String day, String duration, List<Credit> credits,
                       String audioUrl, Page page) {
    }

    private final GuestService guests;
    private final EpisodeService episodes;
    private final StructuredData data;
    private final WebUrls urls;

    public EmbedResource(GuestService guests, EpisodeService episodes, StructuredData data, WebUrls urls) {
        this.guests = guests;
        this.episodes = episodes;
        this.data = data;
        this.urls = urls;
    }

    @GET
    @Path("guests/{ref}")
    @Operation(operationId = "embedGuest", summary = "An HTML card of a guest, for an iframe",
            description = "Name, headline, organization, photo, bio and latest published episodes, with the guest's JSON-LD and oEmbed discovery. "
                    + "Framable by any site; runs no script. Errors are small HTML pages.")
    @APIResponse(responseCode = "200", description = "The card", content = @Content(mediaType = "text/html", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such guest (an HTML page)", content = @Content(mediaType = "text/html", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response embedGuest(@PathParam("ref") @Parameter(description = "Id or slug") String ref) {
        return page(() -> {
            GuestView guest = guests.get(Ref.parse(ref));
            List<EpisodeLine> latest = episodes.list(EpisodeFilter.none().scopedTo("guest", Long.toString(guest.id())), new PageRequest(LATEST, null, false), null)
                    .items().stream()
                    .map(e -> new EpisodeLine(e.title(), urls.episodePage(e.id(), e.slug(), e.show().slug()), day(e.publishedAt()), e.show().title()))
                    .toList();
            String pageUrl = urls.guestPage(guest.id(), guest.slug());
            Page page = new Page(guest.name(), urls.providerName(), urls.oembed(urls.guestEmbed(guest.slug())), data.forHtml(data.of(guest)));
            return new Rendered(bytes(Templates.guest(new GuestCard(guest, shorten(guest.bio(), BIO_LENGTH), pageUrl, latest, page))),
                    guest.updatedAt());
        });
    }

    @GET
    @Path("episodes/{ref}")
    @Operation(operationId = "embedEpisode", summary = "An HTML card of an episode, for an iframe",
            description = "Title, show, date, duration, summary, credits and the audio, with the episode's JSON-LD and oEmbed discovery. "
                    + "Framable by any site; runs no script. Errors are small HTML pages.")
    @APIResponse(responseCode = "200", description = "The card", content = @Content(mediaType = "text/html", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such episode, or not published (an HTML page)", content = @Content(mediaType = "text/html", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response embedEpisode(@PathParam("ref") @Parameter(description = "Id or slug") String ref) {
        return page(() -> {
            EpisodeView episode = episodes.get(Ref.parse(ref));
            List<Credit> credits = episode.guests().stream()
                    .map(g -> new Credit(g.name(), g.role().wire(), urls.guestPage(g.id(), g.slug()))).toList();
            String pageUrl = urls.episodePage(episode.id(), episode.slug(), episode.show().slug());
            Page page = new Page(episode.title(), urls.providerName(), urls.oembed(urls.episodeEmbed(episode.slug())), data.forHtml(data.of(episode)));
            String summary = shorten(episode.summary() != null ? episode.summary() : episode.description(), BIO_LENGTH);
            return new Rendered(bytes(Templates.episode(new EpisodeCard(episode, summary, pageUrl, day(episode.publishedAt()),
                    duration(episode.durationSeconds()), credits, episode.audio() == null ? null : episode.audio().url(), page))),
                    episode.updatedAt());
        });
    }

    /** A card, or the problem as a small page of the same media type: a browser in an iframe shows HTML, not JSON. */
    private Response page(Supplier<Rendered> card) {
        try {
            // the type named here, not left to negotiation: the response cache keeps an answer only with its Content-Type
            return Response.ok(card.get(), MediaTypes.HTML).header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "strict-origin-when-cross-origin").build();
        } catch (ApiException e) {
            return errorPage(e.type.status, new Page(e.type.title, urls.providerName(), null, null), e.getMessage());
        }
    }

    static Response errorPage(int status, Page page, String detail) {
        Response.ResponseBuilder response = Response.status(status).type(MediaTypes.HTML);
        ERROR_HEADERS.forEach(response::header);
        return response.entity(Templates.error(page, detail).render()).build();
    }

    private static byte[] bytes(TemplateInstance template) {
        return template.render().getBytes(StandardCharsets.UTF_8);
    }

    private static String day(Instant instant) {
        return instant == null ? null : DAY.format(instant);
    }

    private static String duration(Integer seconds) {
        if (seconds == null) return null;
        int minutes = (seconds + 30) / 60;
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    /** At most {@code max} characters, cut at a word, with an ellipsis when cut. */
    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) return text;
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max / 2 ? cut : max).stripTrailing() + "…";
    }
}
