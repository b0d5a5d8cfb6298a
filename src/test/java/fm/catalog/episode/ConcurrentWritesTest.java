package fm.catalog.episode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Parallel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Parallel writers lose nothing: one wins an If-Match race, and unconditional writes never interleave. */
@QuarkusTest
class ConcurrentWritesTest {
    static final int WRITERS = 8;

    @Test
    void shouldLetExactlyOneOfParallelPatchesWithTheSameIfMatchSucceed() throws Exception {
        String show = Fixtures.show().getString("slug");
        String ref = Fixtures.episode(show, Map.of()).getString("slug");
        String etag = given().get("/v1/episodes/" + ref).then().extract().header("ETag");
        List<Integer> statuses = Parallel.run(WRITERS, i -> Fixtures.admin().contentType("application/merge-patch+json")
                .header("If-Match", etag).body(Map.of("title", "Writer " + i)).patch("/v1/episodes/" + ref).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one winner: " + statuses);
        assertEquals(WRITERS - 1, statuses.stream().filter(s -> s == 412).count(), "the rest see 412: " + statuses);
        JsonPath after = given().get("/v1/episodes/" + ref).then().extract().jsonPath();
        assertTrue(after.getString("title").startsWith("Writer "));
    }

    @Test
    void shouldApplyParallelUnconditionalPutsWhole() throws Exception {
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of());
        List<String> guests = IntStream.range(0, WRITERS).mapToObj(i -> Fixtures.guest("Writer guest " + i).getString("slug")).toList();
        List<Integer> statuses = Parallel.run(WRITERS, i -> Fixtures.admin().contentType(ContentType.JSON)
                .body(Map.of("show", show, "guid", episode.getString("guid"), "title", "Version " + i, "status", "published",
                        "guests", List.of(Fixtures.credit(guests.get(i), "guest")),
                        "chapters", Fixtures.chapters("Chapter of " + i, "Second of " + i),
                        "links", List.of(Map.of("kind", "other", "url", "https://example.org/" + i))))
                .put("/v1/episodes/" + episode.getString("id")).statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList(), "every unconditional write applies: " + statuses);
        JsonPath after = given().get("/v1/episodes/" + episode.getString("id")).then().extract().jsonPath();
        String winner = after.getString("title").substring("Version ".length());
        int w = Integer.parseInt(winner);
        assertEquals(List.of(guests.get(w)), after.getList("guests.slug"), "guests from the same write as the title");
        assertEquals(List.of("Chapter of " + w, "Second of " + w), after.getList("chapters.title"));
        assertEquals(List.of("https://example.org/" + w), after.getList("links.url"));
        assertEquals(episode.getLong("version") + WRITERS, after.getLong("version"), "each write counted once");
    }
}
