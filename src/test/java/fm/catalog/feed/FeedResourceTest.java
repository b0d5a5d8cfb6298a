package fm.catalog.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import fm.catalog.support.Parallel;
import fm.catalog.support.XmlProblem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedResourceTest {

    @Inject
    AgroalDataSource dataSource;

    private record Seen(String etag, Instant lastModified, String body) {
    }

    private static Seen read(String show) {
        ExtractableResponse<Response> r = given().get("/feeds/" + show + ".xml").then().statusCode(200)
                .header("Cache-Control", containsString("public")).extract();
        return new Seen(r.header("ETag"), ZonedDateTime.parse(r.header("Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
                r.asString());
    }

    /** Last-Modified has whole seconds: a change must come in a later second to be seen in it. */
    private static void nextSecond() throws InterruptedException {
        Thread.sleep(1100);
    }

    private static Seen changedSince(Seen before, String show, String what) {
        Seen after = read(show);
        assertNotEquals(before.etag(), after.etag(), "ETag after " + what);
        assertTrue(after.lastModified().isAfter(before.lastModified()), "Last-Modified after " + what + ": " + before.lastModified()
                + " then " + after.lastModified());
        // the copy a reader holds is no longer current
        given().header("If-None-Match", before.etag()).get("/feeds/" + show + ".xml").then().statusCode(200);
        return after;
    }

    @Test
    void shouldAnswerConditionalGetsAndMoveOnWithEveryChange() throws Exception {
        String show = Fixtures.show().getString("slug");
        JsonPath first = Fixtures.episode(show, Map.of("title", "First"));
        Seen seen = read(show);
        given().header("If-None-Match", seen.etag()).get("/feeds/" + show + ".xml").then().statusCode(304).body(emptyString());
        assertEquals(seen.etag(), read(show).etag(), "the same feed, the same ETag");

        nextSecond();
        JsonPath second = Fixtures.episode(show, Map.of("title", "Second", "publishedAt", "2024-01-01T00:00:00Z"));
        seen = changedSince(seen, show, "an episode was added");
        assertTrue(seen.body().contains("Second"));

        nextSecond();
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "First, retitled"))
                .patch("/v1/episodes/" + first.getString("id")).then().statusCode(200);
        seen = changedSince(seen, show, "an episode changed");
        assertTrue(seen.body().contains("First, retitled"));

        // the newest change is the first episode's: deleting it must not take Last-Modified back to the second's
        nextSecond();
        Fixtures.admin().delete("/v1/episodes/" + first.getString("id")).then().statusCode(204);
        seen = changedSince(seen, show, "an episode was deleted");
        assertTrue(!seen.body().contains("First, retitled") && seen.body().contains("Second"));

        // back to draft: gone from the feed, and the date still moves on
        nextSecond();
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("status", "draft"))
                .patch("/v1/episodes/" + second.getString("id")).then().statusCode(200);
        seen = changedSince(seen, show, "an episode went back to draft");
        assertTrue(!seen.body().contains("Second"));

        // a scheduled episode appears by itself when it falls due, with no write
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.episode(show, Map.of("title", "Falls due", "status", "scheduled", "publishedAt", due.toString()));
        Seen before = read(show);
        assertTrue(!before.body().contains("Falls due"));
        while (Instant.now().isBefore(due.plusMillis(300))) {
            Thread.sleep(100);
        }
        Seen after = changedSince(before, show, "an episode fell due");
        assertTrue(after.body().contains("Falls due"));
        assertEquals(due, after.lastModified(), "the feed changed when the episode fell due");
    }

    @Test
    void shouldMoveLastModifiedOnWhenAnEpisodeMovesToAnotherShow() throws Exception {
        String show = Fixtures.show().getString("slug");
        String other = Fixtures.show().getString("slug");
        Fixtures.episode(show, Map.of("title", "Stays"));
        JsonPath moving = Fixtures.episode(show, Map.of("title", "Moves"));
        Seen seen = read(show);
        nextSecond();
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("show", other))
                .patch("/v1/episodes/" + moving.getString("id")).then().statusCode(200);
        Seen after = changedSince(seen, show, "an episode moved away");
        assertTrue(!after.body().contains("Moves"));
        assertTrue(read(other).body().contains("Moves"));
    }

    /**
     * A write whose transaction began before the newest change committed after it: its now(), and so the newest date,
     * is older than what the feed already showed. Last-Modified cannot move, but the ETag must, or readers holding
     * the last copy would be told it is current. Written over JDBC, as such a write would leave the rows.
     */
    @Test
    void shouldChangeTheETagWhenAChangeCarriesAnOlderDate() throws Exception {
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of("title", "Before"));
        Fixtures.episode(show, Map.of("title", "Newest"));
        Seen seen = read(show);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update episodes set title = 'After', version = version + 1, updated_at = updated_at - interval '1 minute' where id = ?")) {
            s.setLong(1, episode.getLong("id"));
            assertEquals(1, s.executeUpdate());
        }
        // by a key, which the response cache never answers: its notice of this write comes a moment later
        ExtractableResponse<Response> after = Fixtures.admin().header("If-None-Match", seen.etag()).get("/feeds/" + show + ".xml")
                .then().statusCode(200).extract();
        assertNotEquals(seen.etag(), after.header("ETag"));
        assertEquals(seen.lastModified(), ZonedDateTime.parse(after.header("Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        assertTrue(after.asString().contains("After"));
        Fixtures.admin().header("If-None-Match", after.header("ETag")).get("/feeds/" + show + ".xml").then().statusCode(304);
    }

    /**
     * Episodes leaving a show are noted by triggers (V14, after V11 had deadlocked). Deletes, moves and edits of the show at
     * once must all go through (no deadlock's victim answered 409 busy) and leave a feed that moved on.
     */
    @Test
    void shouldTakeParallelDeletesMovesAndShowEditsOfOneShow() throws Exception {
        String show = Fixtures.show().getString("slug");
        String other = Fixtures.show().getString("slug");
        List<String> ids = Parallel.run(12, 4, i -> Fixtures.episode(show, Map.of("title", "Leaving " + i)).getString("id"));
        Fixtures.episode(show, Map.of("title", "Staying"));
        Seen seen = read(show);
        nextSecond();
        List<Integer> statuses = Parallel.run(16, i -> {
            if (i < 8) {
                return Fixtures.admin().delete("/v1/episodes/" + ids.get(i)).statusCode();
            }
            if (i < 12) {
                return Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("show", other))
                        .patch("/v1/episodes/" + ids.get(i)).statusCode();
            }
            return Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("description", "Edit " + i))
                    .patch("/v1/shows/" + show).statusCode();
        });
        for (int i = 0; i < statuses.size(); i++) {
            assertEquals(i < 8 ? 204 : 200, statuses.get(i), "request " + i);
        }
        Seen after = changedSince(seen, show, "episodes left in parallel");
        assertTrue(after.body().contains("Staying") && !after.body().contains("Leaving "), after.body());
        assertEquals(4, given().get("/feeds/" + other + ".xml").then().statusCode(200).extract().asString().split("<item>").length - 1);
    }

    /** Deleting a show with its episodes while its episodes are deleted one by one: every answer is a real outcome. */
    @Test
    void shouldDeleteAShowWithItsEpisodesWhileTheyAreDeletedOneByOne() throws Exception {
        String show = Fixtures.show().getString("slug");
        List<String> ids = Parallel.run(10, 4, i -> Fixtures.episode(show, Map.of("title", "Doomed " + i)).getString("id"));
        List<Integer> statuses = Parallel.run(11, i -> i == 10
                ? Fixtures.admin().queryParam("detach", true).delete("/v1/shows/" + show).statusCode()
                : Fixtures.admin().delete("/v1/episodes/" + ids.get(i)).statusCode());
        assertEquals(204, statuses.get(10), "the show's delete");
        for (int i = 0; i < 10; i++) {
            // deleted by its own request, or already gone with the show
            assertTrue(statuses.get(i) == 204 || statuses.get(i) == 404, "episode delete " + i + ": " + statuses.get(i));
            given().get("/v1/episodes/" + ids.get(i)).then().statusCode(404);
        }
        given().get("/feeds/" + show + ".xml").then().statusCode(404);
    }

    @Test
    void shouldAnswerAnUnknownShowWithAnXmlProblem() throws Exception {
        Map<String, String> problem = XmlProblem.of(given().get("/feeds/no-such-show-here.xml").then().statusCode(404).extract());
        assertEquals("/feeds/no-such-show-here.xml", problem.get("instance"));
        // so is a path under /feeds/ that no resource serves (the edge answers it)
        assertTrue(XmlProblem.of(given().get("/feeds/no-such-show-here").then().statusCode(404).extract()).get("type").endsWith("/not-found"));
        // a feed reader asking for JSON gets no feed, and still no JSON
        String show = Fixtures.show().getString("slug");
        given().accept(ContentType.JSON).get("/feeds/" + show + ".xml").then().statusCode(406).contentType("application/problem+xml");
        given().post("/feeds/" + show + ".xml").then().statusCode(405).contentType("application/problem+xml");
        // the API keeps its JSON problems
        given().get("/v1/shows/no-such-show-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldServeTheFeedWithoutDraftsToAKeyToo() {
        FeedFixtures.Catalog catalog = FeedFixtures.catalog();
        String feed = Fixtures.admin().get("/feeds/" + catalog.show() + ".xml").then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-store")).extract().asString();
        assertTrue(feed.contains("feed-198") && !feed.contains("feed-draft") && !feed.contains("feed-later"));
    }

    @Test
    void shouldKeepChaptersOfUnpublishedEpisodesFromAnonymousReaders() {
        FeedFixtures.Catalog catalog = FeedFixtures.catalog();
        for (JsonPath hidden : List.of(catalog.draft(), catalog.scheduled())) {
            given().get("/v1/episodes/" + hidden.getString("id") + "/chapters.json").then().statusCode(404)
                    .contentType("application/problem+json");
            Fixtures.admin().get("/v1/episodes/" + hidden.getString("slug") + "/chapters.json").then().statusCode(200)
                    .header("Cache-Control", equalTo("private, no-store"));
        }
        String path = "/v1/episodes/" + catalog.published().get(0).getString("id") + "/chapters.json";
        ExtractableResponse<Response> chapters = given().get(path).then().statusCode(200).contentType("application/json+chapters")
                .header("Cache-Control", containsString("public")).extract();
        JsonPath json = JsonPath.from(chapters.asString());
        assertEquals("1.2.0", json.getString("version"));
        assertEquals(List.of(0, 95), json.getList("chapters.startTime"));
        assertEquals(List.of("Intro", "The story"), json.getList("chapters.title"));
        assertEquals(Map.of("startTime", 0, "title", "Intro"), json.getMap("chapters[0]"), "no url: the catalog keeps none for chapters");
        String etag = chapters.header("ETag");
        given().header("If-None-Match", etag).get(path).then().statusCode(304);
    }
}
