package fm.catalog.importing;

import fm.catalog.common.http.IdempotentWrite;
import fm.catalog.common.paging.QueryParams;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.slug.Ref;
import fm.catalog.importing.ImportDtos.ImportProblem;
import fm.catalog.importing.ImportDtos.ImportRequest;
import fm.catalog.importing.ImportDtos.ImportResult;
import io.quarkus.security.PermissionsAllowed;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/imports")
@Tag(name = "Imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;
    private final FeedImport feeds;
    private final ImportMetrics metrics;

    ImportResource(ImportService imports, FeedImport feeds, ImportMetrics metrics) {
        this.imports = imports;
        this.feeds = feeds;
        this.metrics = metrics;
    }

    @POST
    @IdempotentWrite
    @PermissionsAllowed("write:catalog")
    @Path("episodes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importEpisodes", summary = "Upsert up to 1,000 episodes of a show by guid",
            description = "Guests and topics named by a ref are linked; described ones (with a name) are matched by slug or created. "
                    + "Atomic by default: one invalid episode and nothing is written (400, with every episode's result). "
                    + "dryRun reports the same without writing.")
    @APIResponse(responseCode = "200", description = "What was created, updated, left unchanged or failed",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid import; in atomic mode the problem lists each episode's result",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ImportProblem.class)))
    public Response importEpisodes(ImportRequest request, @Context HttpServerRequest http) {
        return answer("json", imports.importEpisodes(request), http);
    }

    @POST
    @IdempotentWrite
    @PermissionsAllowed("write:catalog")
    @Path("rss")
    @Consumes({"application/rss+xml", MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Operation(operationId = "importRss", summary = "Upsert a show's episodes from an RSS 2.0 feed (iTunes and Podcasting 2.0 tags)",
            description = "Items are matched by <guid>. podcast:person become guests, podcast:chapters and podcast:transcript links. "
                    + "DTDs and entities are refused. Up to 20 MiB and 10,000 items.")
    @RequestBody(content = @Content(mediaType = "application/rss+xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "What was created, updated, left unchanged or failed",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "Not a well-formed feed, a DTD, or invalid items in atomic mode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ImportProblem.class)))
    public Response importRss(@QueryParam("show") @Parameter(description = "Show id or slug", required = true) String show,
                              @QueryParam("dryRun") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun,
                              @QueryParam("atomic") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true")) String atomic,
                              InputStream feed, @Context HttpServerRequest http) {
        if (show == null || show.isBlank()) {
            throw fm.catalog.common.problem.ApiException.invalidParameter("show", "is required");
        }
        return answer("rss", feeds.importFeed(Ref.parse(show.trim()), QueryParams.bool("dryRun", dryRun),
                atomic == null ? null : QueryParams.bool("atomic", atomic), feed), http);
    }

    private Response answer(String source, ImportService.Outcome outcome, HttpServerRequest http) {
        metrics.record(source, outcome);
        ImportResult r = outcome.result();
        if (!outcome.rejected()) {
            return Response.ok(r).build();
        }
        ProblemType type = ProblemType.VALIDATION;
        return Response.status(type.status).type(Problem.MEDIA_TYPE)
                .entity(new ImportProblem(type.uri, type.title, type.status,
                        r.failed() + " of " + r.results().size() + " episodes are invalid; nothing was written.",
                        http.path(), r.created(), r.updated(), r.unchanged(), r.failed(), r.dryRun(), r.results()))
                .build();
    }
}
