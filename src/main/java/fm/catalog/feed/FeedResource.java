package fm.catalog.feed;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.cache.CachedReads;
import fm.catalog.common.http.HttpCaching;
import fm.catalog.common.http.Rendered;
import io.vertx.ext.web.RoutingContext;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/feeds")
@Tag(name = "Feeds")
public class FeedResource {

    /**
     * Feeds being built or sent at once (a permit is held until the answer has left). A large show's feed is megabytes:
     * a burst of misses (the cache just emptied, many apps asking at once, or the cache off) would otherwise hold
     * a copy or two each, written, copied and in flight, and exhaust the heap. More builders than cores would not
     * finish sooner anyway (catalog.feed.builds, max(2, cores) when unset); a miss that waits longer than
     * catalog.feed.build-wait is a 503 with Retry-After.
     */
    private final Semaphore inFlight;
    private final long waitNanos;

    private final FeedRows rows;
    private final String baseUrl;
    private final String configuration;

    FeedResource(FeedRows rows, CatalogConfig config) {
        this.rows = rows;
        this.baseUrl = config.baseUrl();
        // what else a feed's bytes depend on: the URLs it hands out and the way it is written
        this.configuration = config.baseUrl() + "/" + FeedWriter.FORMAT;
        this.inFlight = new Semaphore(config.feed().builds().orElse(Math.max(2, Runtime.getRuntime().availableProcessors())));
        this.waitNanos = config.feed().buildWait().toNanos();
    }

    @GET
    @Path("{showSlug}.xml")
    @Produces({FeedWriter.MEDIA_TYPE, "application/xml", "text/xml"})
    @Operation(operationId = "getShowFeed", summary = "A show's podcast feed (RSS 2.0 with iTunes and Podcasting 2.0 tags)",
            description = "Published episodes that are due, newest first; drafts and scheduled episodes never appear. Guests are "
                    + "podcast:person with their role, chapters a podcast:chapters link to chapters.json, links atom:link rel=\"related\". "
                    + "ETag and Last-Modified change with any episode added, changed, deleted or falling due; If-None-Match gives 304. "
                    + "Errors are application/problem+xml (RFC 9457).")
    @APIResponse(responseCode = "200", description = "The feed",
            content = @Content(mediaType = FeedWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No show has this slug",
            content = @Content(mediaType = XmlProblems.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Rendered getShowFeed(@PathParam("showSlug") @Parameter(description = "The show's slug") String slug,
                                @HeaderParam("If-None-Match") @Parameter(hidden = true) String ifNoneMatch,
                                @Context RoutingContext ctx) throws Exception {
        if (ifNoneMatch != null && !CachedReads.keeps(ctx)) {
            // a podcast app polling: one statement decides, and nothing is built when the copy it holds is current.
            // Not when the response cache will keep this answer: then the feed is built once, kept, and every
            // later poll is answered from memory, which a 304 without a body would never fill.
            FeedRows.State state = found(rows.state(slug), slug);
            String etag = etagOf(state);
            if (HttpCaching.matchesAny(ifNoneMatch, etag)) {
                return Rendered.notModified(etag, state.lastModified());
            }
        }
        if (!inFlight.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
            throw new ApiException(ProblemType.UNAVAILABLE, "Too many feeds are being built at once; try again shortly.");
        }
        boolean handedOver = false;
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            FeedWriter writer = new FeedWriter(body, baseUrl);
            FeedRows.State state = found(rows.read(slug, writer), slug);
            writer.lastBuild(state.lastModified());
            writer.finish();
            ctx.addEndHandler(done -> inFlight.release());
            handedOver = true;
            return new Rendered(body.toByteArray(), state.lastModified(), etagOf(state));
        } finally {
            if (!handedOver) {
                inFlight.release();
            }
        }
    }

    private static FeedRows.State found(FeedRows.State state, String slug) {
        if (state == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "No show has the slug '" + slug + "'.");
        }
        return state;
    }

    /** Made of the feed's state, not of its bytes: the same whether the feed was built for this request or not. */
    private String etagOf(FeedRows.State state) {
        return "\"" + HttpCaching.digest((state.fingerprint() + "/" + state.lastModified() + "/" + configuration).getBytes(StandardCharsets.UTF_8)) + "\"";
    }
}
