package fm.catalog.episode;

import fm.catalog.common.http.IdempotentWrite;
import com.fasterxml.jackson.databind.JsonNode;
import fm.catalog.common.http.IfMatch;
import fm.catalog.common.http.Responses;
import fm.catalog.common.json.MergePatch;
import fm.catalog.common.paging.ListParams;
import fm.catalog.common.paging.Page;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.slug.Ref;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.episode.EpisodeDtos.EpisodeView;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import fm.catalog.common.http.MediaTypes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/episodes")
@Tag(name = "Episodes")
@Produces(MediaType.APPLICATION_JSON)
public class EpisodeResource {

    private final EpisodeService episodes;
    private final LinkService links;

    public EpisodeResource(EpisodeService episodes, LinkService links) {
        this.episodes = episodes;
        this.links = links;
    }

    @GET
    @Operation(operationId = "listEpisodes", summary = "List and search episodes",
            description = "Sorts: -publishedAt (default), publishedAt, number, -number, title, -updatedAt, relevance (with q; the default then).")
    @APIResponse(responseCode = "200", description = "A page of episodes")
    public Page<EpisodeView> listEpisodes(@BeanParam EpisodeListParams params) {
        return episodes.list(params.filter(), params.page(), params.sort);
    }

    @GET
    @Path("{ref}")
    @Produces({MediaType.APPLICATION_JSON, MediaTypes.JSON_LD})
    @Operation(operationId = "getEpisode", summary = "Get an episode by id or slug")
    @APIResponse(responseCode = "200", description = "The episode with its guests, topics, chapters and links; with Accept: application/ld+json, its schema.org PodcastEpisode document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeView.class)),
            @Content(mediaType = MediaTypes.JSON_LD, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, description = "schema.org PodcastEpisode (JSON-LD)"))})
    public EpisodeView getEpisode(@PathParam("ref") @Parameter(description = "Id or slug") String ref) {
        return episodes.get(Ref.parse(ref));
    }

    @POST
    @IdempotentWrite
    @PermissionsAllowed("write:catalog")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEpisode", summary = "Create an episode")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = EpisodeView.class)))
    public Response createEpisode(EpisodeInput input, @Context UriInfo uri) {
        EpisodeView view = episodes.create(input);
        return Responses.created(uri, "/v1/episodes", view.id(), view);
    }

    @PUT
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceEpisode", summary = "Replace an episode, its guests, topics, chapters and links")
    @APIResponse(responseCode = "200", description = "The episode as stored")
    public EpisodeView replaceEpisode(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch, EpisodeInput input) {
        return episodes.replace(Ref.parse(ref), IfMatch.parse(ifMatch), input);
    }

    @PATCH
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchEpisode", summary = "Change some fields of an episode (JSON merge patch)")
    @APIResponse(responseCode = "200", description = "The episode as stored")
    public EpisodeView patchEpisode(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                                    @Schema(implementation = EpisodeInput.class) JsonNode patch) {
        return episodes.patch(Ref.parse(ref), IfMatch.parse(ifMatch), patch);
    }

    @DELETE
    // the answer has no body: a client that accepts only problem documents (as generated clients do here) may delete
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Operation(operationId = "deleteEpisode", summary = "Delete an episode with its chapters and links")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteEpisode(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch) {
        episodes.delete(Ref.parse(ref), IfMatch.parse(ifMatch));
    }

    @GET
    @Path("{ref}/links")
    @Operation(operationId = "listEpisodeLinks", summary = "List an episode's links in order")
    @APIResponse(responseCode = "200", description = "A page of links")
    public Page<LinkView> listEpisodeLinks(@PathParam("ref") String ref, @BeanParam ListParams params) {
        return links.list(ref, null, null, "episode", params.page(), params.sort);
    }

    @GET
    @Path("{ref}/chapters.json")
    @Produces({EpisodeChapters.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getEpisodeChapters", summary = "The episode's chapters as a Podcasting 2.0 JSON chapters file",
            description = "Only chapters with a start time; show-notes headings without one are left out, as the format requires a time. "
                    + "Anonymous callers see the chapters of published episodes that are due only (404 otherwise).")
    @APIResponse(responseCode = "200", description = "JSON chapters",
            content = @Content(mediaType = EpisodeChapters.MEDIA_TYPE, schema = @Schema(implementation = EpisodeChapters.class)))
    public EpisodeChapters getEpisodeChapters(@PathParam("ref") String ref) {
        return EpisodeChapters.of(episodes.chapters(Ref.parse(ref)));
    }
}
