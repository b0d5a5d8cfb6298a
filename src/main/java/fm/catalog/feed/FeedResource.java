package fm.catalog.feed;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.http.Rendered;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.concurrent.Semaphore;
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

    private final FeedRows rows;
    private final CatalogConfig config;
    /**
     * Feeds built at once. A large show's feed is megabytes while it is written and digested: a burst of
     * misses (the cache just emptied, 16 apps asking at once) would otherwise hold one copy each and
     * exhaust the heap. More builders than cores would not finish sooner anyway.
     */
    private final Semaphore building = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    FeedResource(FeedRows rows, CatalogConfig config) {
        this.rows = rows;
        this.config = config;
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
    public Rendered getShowFeed(@PathParam("showSlug") @Parameter(description = "The show's slug") String slug) throws Exception {
        building.acquire();
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            FeedWriter writer = new FeedWriter(body, config.baseUrl());
            Instant lastModified = rows.read(slug, writer);
            if (lastModified == null) {
                throw new ApiException(ProblemType.NOT_FOUND, "No show has the slug '" + slug + "'.");
            }
            writer.lastBuild(lastModified);
            writer.finish();
            return new Rendered(body.toByteArray(), lastModified);
        } finally {
            building.release();
        }
    }
}
