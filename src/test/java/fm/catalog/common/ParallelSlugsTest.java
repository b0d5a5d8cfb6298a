package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Parallel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A slug the server generates never makes a write fail: parallel writes of things with the same name
 * or URL all succeed, each with its own slug. A slug the client asks for that is taken stays a 409.
 */
@QuarkusTest
class ParallelSlugsTest {
    static final int WRITERS = 10;

    /** Sends the writes at once; every one must be a 201 with a slug of its own. */
    private static List<String> allCreated(IntFunction<Response> write) throws Exception {
        List<Response> answers = Parallel.run(WRITERS, write);
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertEquals(List.of(201), statuses.stream().distinct().toList(), "every write succeeds: " + answers.stream()
                .filter(r -> r.statusCode() != 201).map(Response::asString).findFirst().orElse(""));
        List<String> slugs = answers.stream().map(r -> r.jsonPath().getString("slug")).toList();
        assertEquals(WRITERS, new HashSet<>(slugs).size(), "each its own slug: " + slugs);
        return slugs;
    }

    private static Response post(String collection, Map<String, ?> body) {
        return Fixtures.admin().contentType(ContentType.JSON).body(body).post("/v1/" + collection);
    }

    @Test
    void shouldGiveParallelShowsWithTheSameTitleTheirOwnSlugs() throws Exception {
        String title = "Same show " + Fixtures.unique("t");
        allCreated(i -> post("shows", Map.of("title", title)));
    }

    @Test
    void shouldGiveParallelGuestsWithTheSameNameTheirOwnSlugs() throws Exception {
        String name = "Same Guest " + Fixtures.unique("n");
        List<String> slugs = allCreated(i -> post("guests", Map.of("name", name)));
        String base = slugs.stream().min((a, b) -> a.length() - b.length()).orElseThrow();
        assertEquals(true, slugs.contains(base + "-2") && slugs.contains(base + "-10"), "numbered from the name: " + slugs);
    }

    @Test
    void shouldGiveParallelTopicsWithTheSameNameTheirOwnSlugs() throws Exception {
        String name = "Same topic " + Fixtures.unique("n");
        allCreated(i -> post("topics", Map.of("name", name)));
    }

    @Test
    void shouldGiveParallelEpisodesWithTheSameTitleTheirOwnSlugs() throws Exception {
        String show = Fixtures.show().getString("slug");
        String title = "Same episode " + Fixtures.unique("t");
        allCreated(i -> post("episodes", Map.of("show", show, "title", title)));
    }

    @Test
    void shouldGiveParallelLinksWithTheSameTitleOnDifferentEpisodesTheirOwnSlugs() throws Exception {
        String show = Fixtures.show().getString("slug");
        List<Long> episodes = java.util.stream.IntStream.range(0, WRITERS).mapToObj(i -> Fixtures.episode(show, Map.of()).getLong("id")).toList();
        String title = "Same link " + Fixtures.unique("t");
        allCreated(i -> post("links", Map.of("kind", "video", "title", title, "url", "https://example.org/same",
                "episode", Map.of("id", episodes.get(i)))));
    }

    @Test
    void shouldGiveParallelInlineLinksWithTheSameTitleTheirOwnSlugs() throws Exception {
        String show = Fixtures.show().getString("slug");
        String title = "Same inline link " + Fixtures.unique("t");
        List<Response> answers = Parallel.run(WRITERS, i -> post("episodes", Map.of("show", show, "title", "Episode " + i,
                "links", List.of(Map.of("kind", "blog", "title", title, "url", "https://example.org/same"),
                        Map.of("kind", "blog", "title", title + " two", "url", "https://example.org/two")))));
        assertEquals(List.of(201), answers.stream().map(Response::statusCode).distinct().toList());
        List<String> slugs = answers.stream().flatMap(r -> r.jsonPath().<String>getList("links.slug").stream()).toList();
        assertEquals(2 * WRITERS, new HashSet<>(slugs).size(), "every inline link its own slug: " + slugs);
    }

    @Test
    void shouldStillRefuseATakenSlugTheClientAskedFor() throws Exception {
        String slug = Fixtures.unique("asked");
        List<Integer> statuses = Parallel.run(WRITERS, i -> post("guests", Map.of("slug", slug, "name", "Asked " + i)).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one gets it: " + statuses);
        assertEquals(WRITERS - 1, statuses.stream().filter(s -> s == 409).count(), "the others are told it is taken: " + statuses);
    }

    @Test
    void shouldLetParallelImportsNamingTheSameNewGuestShareIt() throws Exception {
        String name = "Shared New Guest " + Fixtures.unique("n");
        List<String> shows = java.util.stream.IntStream.range(0, WRITERS).mapToObj(i -> Fixtures.show().getString("slug")).toList();
        List<Response> answers = Parallel.run(WRITERS, i -> Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", shows.get(i),
                "episodes", List.of(Map.of("guid", "g-" + i, "title", "With the shared guest", "guests", List.of(Map.of("name", name))))))
                .post("/v1/imports/episodes"));
        assertEquals(List.of(200), answers.stream().map(Response::statusCode).distinct().toList(),
                answers.stream().map(Response::asString).filter(b -> !b.contains("\"created\":1")).findFirst().orElse(""));
        List<Object> guestIds = answers.stream().map(r -> r.jsonPath().getLong("results[0].id"))
                .map(id -> (Object) Fixtures.admin().get("/v1/episodes/" + id).then().extract().jsonPath().getLong("guests[0].id")).toList();
        assertEquals(1, new HashSet<>(guestIds).size(), "one guest for all: " + guestIds);
    }
}
