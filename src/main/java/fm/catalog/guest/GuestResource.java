package fm.catalog.guest;

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
import fm.catalog.guest.GuestDtos.GuestInput;
import fm.catalog.guest.GuestDtos.GuestView;
import fm.catalog.link.LinkDtos.LinkView;
import fm.catalog.link.LinkService;
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

@Path("/v1/guests")
@Tag(name = "Guests")
@Produces(MediaType.APPLICATION_JSON)
public class GuestResource {

    private final GuestService guests;
    private final LinkService links;

    public GuestResource(GuestService guests, LinkService links) {
        this.guests = guests;
        this.links = links;
    }

    @GET
    @Operation(operationId = "listGuests", summary = "List and search guests", description = "Sorts: name (default without q), relevance (default with q: best match first), -episodeCount, -updatedAt.")
    @APIResponse(responseCode = "200", description = "A page of guests")
    public Page<GuestView> listGuests(@BeanParam ListParams params,
                                      @QueryParam("q") @Parameter(description = "Search: the guest's name, forgiving small typos (\"kevn goldsmit\"), or words that start its name, headline or organization; best match first unless sort is given", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, maxLength = 300)) String q) {
        return guests.list(q, params.page(), params.sort);
    }

    @GET
    @Path("{ref}")
    @Produces({MediaType.APPLICATION_JSON, MediaTypes.JSON_LD})
    @Operation(operationId = "getGuest", summary = "Get a guest by id or slug")
    @APIResponse(responseCode = "200", description = "The guest; with Accept: application/ld+json, its schema.org Person document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuestView.class)),
            @Content(mediaType = MediaTypes.JSON_LD, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, description = "schema.org Person (JSON-LD)"))})
    public GuestView getGuest(@PathParam("ref") @Parameter(description = "Id or slug") String ref) {
        return guests.get(Ref.parse(ref));
    }

    @POST
    @IdempotentWrite
    @PermissionsAllowed("write:catalog")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createGuest", summary = "Create a guest")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GuestView.class)))
    public Response createGuest(GuestInput input, @Context UriInfo uri) {
        GuestView view = guests.create(input);
        return Responses.created(uri, "/v1/guests", view.id(), view);
    }

    @PUT
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceGuest", summary = "Replace a guest")
    @APIResponse(responseCode = "200", description = "The guest as stored")
    public GuestView replaceGuest(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch, GuestInput input) {
        return guests.replace(Ref.parse(ref), IfMatch.parse(ifMatch), input);
    }

    @PATCH
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchGuest", summary = "Change some fields of a guest (JSON merge patch)")
    @APIResponse(responseCode = "200", description = "The guest as stored")
    public GuestView patchGuest(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                                @Schema(implementation = GuestInput.class) JsonNode patch) {
        return guests.patch(Ref.parse(ref), IfMatch.parse(ifMatch), patch);
    }

    @DELETE
    // the answer has no body: a client that accepts only problem documents (as generated clients do here) may delete
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Operation(operationId = "deleteGuest", summary = "Delete a guest",
            description = "409 while the guest is on episodes, unless detach=true, which takes the guest off them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteGuest(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                            @QueryParam("detach") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String detach) {
        guests.delete(Ref.parse(ref), IfMatch.parse(ifMatch), QueryParams.bool("detach", detach));
    }


    @GET
    @Path("{ref}/links")
    @Operation(operationId = "listGuestLinks", summary = "List a guest's links in order")
    @APIResponse(responseCode = "200", description = "A page of links")
    public Page<LinkView> listGuestLinks(@PathParam("ref") String ref, @BeanParam ListParams params) {
        return links.list(null, ref, null, "guest", params.page(), params.sort);
    }
}
