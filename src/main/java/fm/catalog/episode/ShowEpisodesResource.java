package fm.catalog.episode;

import fm.catalog.common.paging.Page;
import fm.catalog.episode.EpisodeDtos.EpisodeView;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A show's episodes, with every filter of /v1/episodes. Episodes serve it, so that the show feature does not depend on them. */
@Path("/v1/shows/{ref}/episodes")
@Tag(name = "Shows")
@Produces(MediaType.APPLICATION_JSON)
public class ShowEpisodesResource {

    private final EpisodeService episodes;

    public ShowEpisodesResource(EpisodeService episodes) {
        this.episodes = episodes;
    }

    @GET
    @Operation(operationId = "listShowEpisodes", summary = "List a show's episodes")
    @APIResponse(responseCode = "200", description = "A page of episodes")
    public Page<EpisodeView> listShowEpisodes(@PathParam("ref") String ref, @BeanParam EpisodeListParams params) {
        return episodes.list(params.filter().scopedTo("show", ref), params.page(), params.sort);
    }
}
