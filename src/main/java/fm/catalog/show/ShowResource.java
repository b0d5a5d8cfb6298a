package fm.catalog.show;

import fm.catalog.common.http.IdempotentWrite;
import com.fasterxml.jackson.databind.JsonNode;
import fm.catalog.common.http.IfMatch;
import fm.catalog.common.http.Responses;
import fm.catalog.common.json.MergePatch;
import fm.catalog.common.paging.ListParams;
import fm.catalog.common.paging.Page;
import fm.catalog.common.paging.QueryParams;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.slug.Ref;
import fm.catalog.show.ShowDtos.ShowInput;
import fm.catalog.show.ShowDtos.ShowView;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import fm.catalog.common.http.MediaTypes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/shows")
@Tag(name = "Shows")
@Produces(MediaType.APPLICATION_JSON)
public class ShowResource {

    private final ShowService shows;

    public ShowResource(ShowService shows) {
        this.shows = shows;
    }

    @GET
    @Operation(operationId = "listShows", summary = "List shows", description = "Sorts: title (default), -title, -updatedAt.")
    @APIResponse(responseCode = "200", description = "A page of shows")
    public Page<ShowView> listShows(@BeanParam ListParams params) {
        return shows.list(params.page(), params.sort);
    }

    @GET
    @Path("{ref}")
    @Produces({MediaType.APPLICATION_JSON, MediaTypes.JSON_LD})
    @Operation(operationId = "getShow", summary = "Get a show by id or slug")
    @APIResponse(responseCode = "200", description = "The show; with Accept: application/ld+json, its schema.org PodcastSeries document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShowView.class)),
            @Content(mediaType = MediaTypes.JSON_LD, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, description = "schema.org PodcastSeries (JSON-LD)"))})
    public ShowView getShow(@PathParam("ref") @Parameter(description = "Id or slug") String ref) {
        return shows.get(Ref.parse(ref));
    }

    @POST
    @IdempotentWrite
    @PermissionsAllowed("write:catalog")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createShow", summary = "Create a show")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ShowView.class)))
    public Response createShow(ShowInput input, @Context UriInfo uri) {
        ShowView view = shows.create(input);
        return Responses.created(uri, "/v1/shows", view.id(), view);
    }

    @PUT
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceShow", summary = "Replace a show")
    @APIResponse(responseCode = "200", description = "The show as stored")
    public ShowView replaceShow(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch, ShowInput input) {
        return shows.replace(Ref.parse(ref), IfMatch.parse(ifMatch), input);
    }

    @PATCH
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchShow", summary = "Change some fields of a show (JSON merge patch)")
    @APIResponse(responseCode = "200", description = "The show as stored")
    public ShowView patchShow(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                              @Schema(implementation = ShowInput.class) JsonNode patch) {
        return shows.patch(Ref.parse(ref), IfMatch.parse(ifMatch), patch);
    }

    @DELETE
    // the answer has no body: a client that accepts only problem documents (as generated clients do here) may delete
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Operation(operationId = "deleteShow", summary = "Delete a show",
            description = "409 while the show has episodes, unless detach=true, which deletes its episodes with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteShow(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                           @QueryParam("detach") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String detach) {
        shows.delete(Ref.parse(ref), IfMatch.parse(ifMatch), QueryParams.bool("detach", detach));
    }
}
