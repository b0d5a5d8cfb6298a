package fm.catalog.link;

import fm.catalog.common.http.IdempotentWrite;
import com.fasterxml.jackson.databind.JsonNode;
import fm.catalog.common.http.IfMatch;
import fm.catalog.common.http.Responses;
import fm.catalog.common.json.MergePatch;
import fm.catalog.common.paging.ListParams;
import fm.catalog.common.paging.Page;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.slug.Ref;
import fm.catalog.link.LinkDtos.LinkInput;
import fm.catalog.link.LinkDtos.LinkView;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/links")
@Tag(name = "Links")
@Produces(MediaType.APPLICATION_JSON)
public class LinkResource {

    private final LinkService links;

    public LinkResource(LinkService links) {
        this.links = links;
    }

    @GET
    @Operation(operationId = "listLinks", summary = "List links, optionally of one owner", description = "Sorts: position (default), -updatedAt.")
    @APIResponse(responseCode = "200", description = "A page of links")
    public Page<LinkView> listLinks(@BeanParam ListParams params,
                                    @QueryParam("episode") @Parameter(description = "Owner episode id or slug") String episode,
                                    @QueryParam("guest") @Parameter(description = "Owner guest id or slug") String guest,
                                    @QueryParam("show") @Parameter(description = "Owner show id or slug") String show) {
        return links.list(blankToNull(episode), blankToNull(guest), blankToNull(show), null, params.page(), params.sort);
    }

    @GET
    @Path("{ref}")
    @Operation(operationId = "getLink", summary = "Get a link by id or slug")
    @APIResponse(responseCode = "200", description = "The link")
    public LinkView getLink(@PathParam("ref") @Parameter(description = "Id or slug") String ref) {
        return links.get(Ref.parse(ref));
    }

    @POST
    @IdempotentWrite
    @PermissionsAllowed("write:catalog")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createLink", summary = "Create a link owned by an episode, a guest or a show")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = LinkView.class)))
    public Response createLink(LinkInput input, @Context UriInfo uri) {
        LinkView view = links.create(input);
        return Responses.created(uri, "/v1/links", view.id(), view);
    }

    @PUT
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceLink", summary = "Replace a link")
    @APIResponse(responseCode = "200", description = "The link as stored")
    public LinkView replaceLink(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch, LinkInput input) {
        return links.replace(Ref.parse(ref), IfMatch.parse(ifMatch), input);
    }

    @PATCH
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchLink", summary = "Change some fields of a link (JSON merge patch)")
    @APIResponse(responseCode = "200", description = "The link as stored")
    public LinkView patchLink(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                              @Schema(implementation = LinkInput.class) JsonNode patch) {
        return links.patch(Ref.parse(ref), IfMatch.parse(ifMatch), patch);
    }

    @DELETE
    // the answer has no body: a client that accepts only problem documents (as generated clients do here) may delete
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Operation(operationId = "deleteLink", summary = "Delete a link")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteLink(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch) {
        links.delete(Ref.parse(ref), IfMatch.parse(ifMatch));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
