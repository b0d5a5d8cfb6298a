package fm.catalog.episode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whatever a PUT of an episode replaces (its links, chapters, guests and topics) moves its version,
 * updatedAt and ETag, whichever endpoint changed it; a PUT or PATCH with the older If-Match is a 412.
 * What a PUT does not replace (a guest's name shown in the episode) moves the ETag only.
 */
@QuarkusTest
class EpisodeVersionTest {

    /** The episode as read, its ETag, and whether a change through {@code change} moved all three. */
    private static void assertMovesVersion(String episodeId, Runnable change) {
        Response before = given().get("/v1/episodes/" + episodeId);
        before.then().statusCode(200);
        change.run();
        Response after = given().get("/v1/episodes/" + episodeId);
        after.then().statusCode(200);
        assertEquals(before.jsonPath().getLong("version") + 1, after.jsonPath().getLong("version"), "the version grows by one");
        assertTrue(Instant.parse(after.jsonPath().getString("updatedAt")).isAfter(Instant.parse(before.jsonPath().getString("updatedAt"))),
                "updatedAt moves on");
        assertNotEquals(before.header("ETag"), after.header("ETag"));
        String stale = before.header("ETag");
        Map<String, Object> body = before.jsonPath().getMap("");
        Fixtures.admin().contentType(ContentType.JSON).header("If-Match", stale).body(body).put("/v1/episodes/" + episodeId)
                .then().statusCode(412).contentType("application/problem+json");
        Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", stale).body(Map.of("season", 3))
                .patch("/v1/episodes/" + episodeId).then().statusCode(412);
        // the current ETag still matches
        Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", after.header("ETag")).body(Map.of("season", 3))
                .patch("/v1/episodes/" + episodeId).then().statusCode(200);
    }

    private static JsonPath linkOf(String episodeId, String url) {
        return Fixtures.create("links", Map.of("kind", "video", "url", url, "episode", Map.of("id", Long.parseLong(episodeId))));
    }

    @Test
    void shouldMoveTheEpisodeVersionWhenALinkIsCreatedOnIt() {
        String id = Fixtures.episode(Fixtures.show().getString("slug"), Map.of()).getString("id");
        assertMovesVersion(id, () -> linkOf(id, "https://example.org/created"));
        given().get("/v1/episodes/" + id).then().body("links.url", org.hamcrest.Matchers.equalTo(List.of("https://example.org/created")));
    }

    @Test
    void shouldMoveTheEpisodeVersionWhenItsLinkIsReplacedPatchedOrDeleted() {
        String id = Fixtures.episode(Fixtures.show().getString("slug"), Map.of()).getString("id");
        String link = linkOf(id, "https://example.org/one").getString("id");
        assertMovesVersion(id, () -> {
            Map<String, Object> body = given().get("/v1/links/" + link).then().extract().jsonPath().getMap("");
            body.put("title", "Replaced");
            Fixtures.admin().contentType(ContentType.JSON).body(body).put("/v1/links/" + link).then().statusCode(200);
        });
        assertMovesVersion(id, () -> Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Patched"))
                .patch("/v1/links/" + link).then().statusCode(200));
        assertMovesVersion(id, () -> Fixtures.admin().delete("/v1/links/" + link).then().statusCode(204));
    }

    @Test
    void shouldMoveBothEpisodesWhenALinkMovesFromOneToAnother() {
        String show = Fixtures.show().getString("slug");
        String from = Fixtures.episode(show, Map.of()).getString("id");
        String to = Fixtures.episode(show, Map.of()).getString("id");
        String link = linkOf(from, "https://example.org/moving").getString("id");
        long toBefore = given().get("/v1/episodes/" + to).then().extract().jsonPath().getLong("version");
        assertMovesVersion(from, () -> Fixtures.admin().contentType("application/merge-patch+json")
                .body(Map.of("episode", Map.of("id", Long.parseLong(to)))).patch("/v1/links/" + link).then().statusCode(200));
        // assertMovesVersion's own PATCH of the first episode does not touch the second
        assertEquals(toBefore + 1, given().get("/v1/episodes/" + to).then().extract().jsonPath().getLong("version"));
    }

    @Test
    void shouldMoveTheEpisodeVersionWhenAGuestOrTopicIsDetachedFromIt() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Detached guest").getString("slug");
        String topic = Fixtures.topic("Detached topic").getString("slug");
        String id = Fixtures.episode(show, Map.of("guests", List.of(Map.of("ref", guest)), "topics", List.of(topic))).getString("id");
        assertMovesVersion(id, () -> Fixtures.admin().queryParam("detach", "true").delete("/v1/guests/" + guest).then().statusCode(204));
        assertMovesVersion(id, () -> Fixtures.admin().queryParam("detach", "true").delete("/v1/topics/" + topic).then().statusCode(204));
    }

    @Test
    void shouldMoveTheEpisodeVersionWhenAnImportChangesIt() {
        JsonPath show = Fixtures.show();
        String guid = Fixtures.unique("guid");
        Consumer<String> importWith = url -> Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show.getString("slug"),
                        "episodes", List.of(Map.of("guid", guid, "title", "Imported", "status", "published", "publishedAt", "2024-01-01T00:00:00Z",
                                "links", List.of(Map.of("kind", "blog", "url", url))))))
                .post("/v1/imports/episodes").then().statusCode(200);
        importWith.accept("https://example.org/first");
        String id = given().queryParam("guid", guid).get("/v1/shows/" + show.getString("slug") + "/episodes")
                .then().extract().jsonPath().getString("items[0].id");
        // only the link changes: what a PUT replaces
        assertMovesVersion(id, () -> importWith.accept("https://example.org/second"));
    }

    @Test
    void shouldMoveOnlyTheETagWhenAGuestOnTheEpisodeIsRenamed() {
        String guest = Fixtures.guest("Before rename").getString("slug");
        String id = Fixtures.episode(Fixtures.show().getString("slug"), Map.of("guests", List.of(Map.of("ref", guest)))).getString("id");
        Response before = given().get("/v1/episodes/" + id);
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("name", "After rename"))
                .patch("/v1/guests/" + guest).then().statusCode(200);
        Response after = given().get("/v1/episodes/" + id);
        assertEquals("After rename", after.jsonPath().getString("guests[0].name"));
        assertEquals(before.jsonPath().getLong("version"), after.jsonPath().getLong("version"), "a PUT of the episode does not replace the name");
        assertNotEquals(before.header("ETag"), after.header("ETag"));
        // the episode itself did not change, so a write holding the older ETag still applies
        Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", before.header("ETag")).body(Map.of("season", 1))
                .patch("/v1/episodes/" + id).then().statusCode(200);
    }

    @Test
    void shouldDefaultAGuestWithoutRoleToGuest() {
        String guest = Fixtures.guest("Roleless").getString("slug");
        JsonPath show = Fixtures.show();
        Fixtures.episode(show.getString("slug"), Map.of("guests", List.of(Map.of("ref", guest))))
                .getList("guests.role").forEach(role -> assertEquals("guest", role));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show.getString("slug"),
                        "episodes", List.of(Map.of("guid", Fixtures.unique("g"), "title", "Imported roleless",
                                "guests", List.of(Map.of("ref", guest), Map.of("name", "New Roleless " + Fixtures.unique("n")))))))
                .post("/v1/imports/episodes").then().statusCode(200)
                .body("created", org.hamcrest.Matchers.equalTo(1));
        Fixtures.admin().queryParam("show", show.getString("slug")).queryParam("q", "Imported roleless").get("/v1/episodes")
                .then().body("items[0].guests.role", org.hamcrest.Matchers.equalTo(List.of("guest", "guest")));
    }
}
