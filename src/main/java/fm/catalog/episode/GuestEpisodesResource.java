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

/** The episodes a guest is on, with every filter of /v1/episodes. Episodes serve it, so that the guest feature does not depend on them. */
@Path("/v1/guests/{ref}/episodes")
@Tag(name = "Guests")
@Produces(MediaType.APPLICATION_JSON)
public class GuestEpisodesResource {

    private final EpisodeService episodes;

    public GuestEpisodesResource(EpisodeService episodes) {
        this.episodes = episodes;
    }

    @GET
    @Operation(operationId = "listGuestEpisodes", summary = "List the episodes a guest is on")
    @APIResponse(responseCode = "200", description = "A page of episodes")
    public Page<EpisodeView> listGuestEpisodes(@PathParam("ref") String ref, @BeanParam EpisodeListParams params) {
        return episodes.list(params.filter().scopedTo("guest", ref), params.page(), params.sort);
    }
}
