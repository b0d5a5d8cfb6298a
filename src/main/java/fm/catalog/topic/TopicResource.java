package fm.catalog.topic;

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
import fm.catalog.topic.TopicDtos.TopicInput;
import fm.catalog.topic.TopicDtos.TopicView;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/topics")
@Tag(name = "Topics")
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    private final TopicService topics;

    public TopicResource(TopicService topics) {
        this.topics = topics;
    }

    @GET
    @Operation(operationId = "listTopics", summary = "List and search topics", description = "Sorts: name (default without q), relevance (default with q: best match first), -episodeCount, -updatedAt.")
    @APIResponse(responseCode = "200", description = "A page of topics")
    public Page<TopicView> listTopics(@BeanParam ListParams params,
                                      @QueryParam("q") @Parameter(description = "Search: the topic's name, forgiving small typos, or words that start its name or description; best match first unless sort is given", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, maxLength = 300)) String q) {
        return topics.list(q, params.page(), params.sort);
    }

    @GET
    @Path("{ref}")
    @Operation(operationId = "getTopic", summary = "Get a topic by id or slug")
    @APIResponse(responseCode = "200", description = "The topic")
    public TopicView getTopic(@PathParam("ref") @Parameter(description = "Id or slug") String ref) {
        return topics.get(Ref.parse(ref));
    }

    @POST
    @IdempotentWrite
    @PermissionsAllowed("write:catalog")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTopic", summary = "Create a topic")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TopicView.class)))
    public Response createTopic(TopicInput input, @Context UriInfo uri) {
        TopicView view = topics.create(input);
        return Responses.created(uri, "/v1/topics", view.id(), view);
    }

    @PUT
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceTopic", summary = "Replace a topic")
    @APIResponse(responseCode = "200", description = "The topic as stored")
    public TopicView replaceTopic(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch, TopicInput input) {
        return topics.replace(Ref.parse(ref), IfMatch.parse(ifMatch), input);
    }

    @PATCH
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchTopic", summary = "Change some fields of a topic (JSON merge patch)")
    @APIResponse(responseCode = "200", description = "The topic as stored")
    public TopicView patchTopic(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                                @Schema(implementation = TopicInput.class) JsonNode patch) {
        return topics.patch(Ref.parse(ref), IfMatch.parse(ifMatch), patch);
    }

    @DELETE
    // the answer has no body: a client that accepts only problem documents (as generated clients do here) may delete
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @PermissionsAllowed("write:catalog")
    @Path("{ref}")
    @Operation(operationId = "deleteTopic", summary = "Delete a topic",
            description = "409 while the topic is on episodes, unless detach=true, which takes the topic off them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteTopic(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                            @QueryParam("detach") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String detach) {
        topics.delete(Ref.parse(ref), IfMatch.parse(ifMatch), QueryParams.bool("detach", detach));
    }
}
