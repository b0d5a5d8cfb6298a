package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.client.ApiClient;
import fm.catalog.client.ApiException;
import fm.catalog.client.ApiResponse;
import fm.catalog.client.api.EpisodesApi;
import fm.catalog.client.api.GuestsApi;
import fm.catalog.client.api.ShowsApi;
import fm.catalog.client.api.TopicsApi;
import fm.catalog.client.model.Chapter;
import fm.catalog.client.model.Episode;
import fm.catalog.client.model.EpisodeInput;
import fm.catalog.client.model.EpisodePatch;
import fm.catalog.client.model.EpisodeStatus;
import fm.catalog.client.model.Guest;
import fm.catalog.client.model.GuestCreditInput;
import fm.catalog.client.model.GuestInput;
import fm.catalog.client.model.GuestRole;
import fm.catalog.client.model.PageEpisodeView;
import fm.catalog.client.model.Problem;
import fm.catalog.client.model.Ref;
import fm.catalog.client.model.Show;
import fm.catalog.client.model.ShowInput;
import fm.catalog.client.model.Topic;
import fm.catalog.client.model.TopicInput;
import fm.catalog.support.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URL;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract works for client generation: a Java client generated at build time from
 * openapi/openapi.yaml (openapi-generator's java/native, see pom.xml) drives the whole life of an
 * episode against the packaged jar, through nothing but the generated API classes and models. Errors
 * arrive as the generated ApiException, whose body parses into the generated Problem.
 */
@QuarkusIntegrationTest
class GeneratedClientIT {

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldLiveThroughAnEpisodesLifeWithTheGeneratedClient() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Fixtures.ADMIN_KEY));
        ShowsApi shows = new ShowsApi(client);
        GuestsApi guests = new GuestsApi(client);
        TopicsApi topics = new TopicsApi(client);
        EpisodesApi episodes = new EpisodesApi(client);
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        Show show = shows.createShow(new ShowInput().slug("client-show-" + suffix).title("Client show " + suffix), null);
        Guest guest = guests.createGuest(new GuestInput().name("Client Guest " + suffix).headline("Tests generated clients"), null);
        Topic topic = topics.createTopic(new TopicInput().name("Client topic " + suffix), null);

        // create, with an Idempotency-Key; the same request again is recognised and answered as the first
        EpisodeInput input = episode(show, 1)
                .addGuestsItem(new GuestCreditInput().ref(new Ref(guest.getSlug())).role(GuestRole.GUEST))
                .addTopicsItem(new Ref(topic.getId()))
                .addChaptersItem(new Chapter().title("Introduction").startTime(0));
        String idempotencyKey = "client-" + suffix;
        ApiResponse<Episode> created = episodes.createEpisodeWithHttpInfo(input, idempotencyKey);
        assertEquals(201, created.getStatusCode());
        Episode episode = created.getData();
        assertNull(header(created.getHeaders(), "Idempotent-Replayed"));
        ApiResponse<Episode> replayed = episodes.createEpisodeWithHttpInfo(input, idempotencyKey);
        assertEquals(201, replayed.getStatusCode());
        assertEquals("true", header(replayed.getHeaders(), "Idempotent-Replayed"));
        assertEquals(episode.getId(), replayed.getData().getId(), "the replay names the episode the first request made");

        // read it back, by id, with what the create wrote
        ApiResponse<Episode> read = episodes.getEpisodeWithHttpInfo(String.valueOf(episode.getId()), null);
        assertEquals(episode.getSlug(), read.getData().getSlug());
        assertEquals(show.getSlug(), read.getData().getShow().getSlug());
        assertEquals(guest.getSlug(), read.getData().getGuests().get(0).getSlug());
        assertEquals(GuestRole.GUEST, read.getData().getGuests().get(0).getRole());
        assertEquals(topic.getSlug(), read.getData().getTopics().get(0).getSlug());
        assertEquals("Introduction", read.getData().getChapters().get(0).getTitle());
        String etag = header(read.getHeaders(), "ETag");
        assertNotNull(etag);

        // page through the show's episodes two at a time, following nextCursor until it runs out
        episodes.createEpisode(episode(show, 2), null);
        episodes.createEpisode(episode(show, 3), null);
        List<Integer> numbers = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiResponse<PageEpisodeView> page = episodes.listEpisodesWithHttpInfo(null, cursor, null, null, 2, null, null, null,
                    null, show.getSlug(), "number", null, null, null, null, null);
            pages++;
            page.getData().getItems().forEach(item -> numbers.add(item.getNumber()));
            cursor = page.getData().getNextCursor();
            String link = header(page.getHeaders(), "Link");
            assertEquals(cursor != null, link != null && link.contains("rel=\"next\""), "a Link header while there is a next page");
        } while (cursor != null && pages < 10);
        assertEquals(List.of(1, 2, 3), numbers);
        assertEquals(2, pages);

        // patch under If-Match; the ETag read before the patch is then stale: 412, as a typed error
        ApiResponse<Episode> patched = episodes.patchEpisodeWithHttpInfo(episode.getSlug(),
                new EpisodePatch().summary("Patched through the generated client"), etag);
        assertEquals("Patched through the generated client", patched.getData().getSummary());
        assertTrue(patched.getData().getVersion() > episode.getVersion());
        assertEquals(show.getSlug(), patched.getData().getShow().getSlug(), "a merge patch leaves the other fields be");
        ApiException stale = assertThrows(ApiException.class,
                () -> episodes.patchEpisode(episode.getSlug(), new EpisodePatch().summary("Lost update"), etag));
        Problem preconditionFailed = problem(client, stale, 412);
        assertTrue(preconditionFailed.getType().endsWith("/precondition-failed"), preconditionFailed.getType());
        assertEquals("Patched through the generated client", episodes.getEpisode(episode.getSlug(), null).getSummary(),
                "the refused patch wrote nothing");

        // null clears a field (JsonNullable: set to null is sent as null, never set is left out), the rest stay
        ApiResponse<Episode> cleared = episodes.patchEpisodeWithHttpInfo(episode.getSlug(),
                new EpisodePatch().summary(null).durationSeconds(1800), header(patched.getHeaders(), "ETag"));
        assertNull(cleared.getData().getSummary(), "the summary sent as null is cleared");
        assertEquals(1800, cleared.getData().getDurationSeconds());
        assertEquals("Introduction", cleared.getData().getChapters().get(0).getTitle(), "fields never set are left out, and kept");
        assertEquals(guest.getSlug(), cleared.getData().getGuests().get(0).getSlug());
        assertNull(episodes.getEpisode(episode.getSlug(), null).getSummary());

        // a 404 is a typed error too
        ApiException missing = assertThrows(ApiException.class, () -> episodes.getEpisode("no-such-episode-" + suffix, null));
        Problem notFound = problem(client, missing, 404);
        assertTrue(notFound.getType().endsWith("/not-found"), notFound.getType());

        // delete with the current ETag; then it is gone
        String current = header(cleared.getHeaders(), "ETag");
        assertNotEquals(header(patched.getHeaders(), "ETag"), current);
        ApiResponse<Void> deleted = episodes.deleteEpisodeWithHttpInfo(episode.getSlug(), current);
        assertEquals(204, deleted.getStatusCode());
        problem(client, assertThrows(ApiException.class, () -> episodes.getEpisode(String.valueOf(episode.getId()), null)), 404);
    }

    private static EpisodeInput episode(Show show, int number) {
        return new EpisodeInput().show(new Ref(show.getSlug())).title("Client episode " + number + " of " + show.getSlug())
                .number(number).status(EpisodeStatus.PUBLISHED).publishedAt(OffsetDateTime.parse("2024-03-0" + number + "T10:00:00Z"));
    }

    /** The problem document of a refused call, parsed by the client's own mapper into the generated model. */
    private static Problem problem(ApiClient client, ApiException refused, int status) throws Exception {
        assertEquals(status, refused.getCode(), refused.getResponseBody());
        assertEquals("application/problem+json", header(refused.getResponseHeaders().map(), "Content-Type").replaceAll(";.*", ""));
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals(status, problem.getStatus());
        assertNotNull(problem.getTitle());
        return problem;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(h -> h.getValue().get(0)).findFirst().orElse(null);
    }
}
