package fm.catalog.episode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EpisodeResourceTest {

    /** Episode 198 of My Favorite Mistake, as in the seed show notes. */
    private static Map<String, Object> episode198(String show, String host, String guest, String topic1, String topic2) {
        Map<String, Object> body = new HashMap<>();
        body.put("show", Map.of("slug", show));
        body.put("guid", Fixtures.unique("guid"));
        body.put("number", 198);
        body.put("title", "CTO Kevin Goldsmith on Leveraging Failure to Drive Success at Spotify and Distrokid");
        body.put("summary", "Kevin tells his favorite mistake story about the launch of Spotify Now.");
        body.put("status", "published");
        body.put("publishedAt", "2023-01-16T09:00:00Z");
        body.put("durationSeconds", 2400);
        body.put("audio", Map.of("url", "https://audio.example.com/198.mp3", "mimeType", "audio/mpeg", "sizeBytes", 38000000));
        body.put("guests", List.of(Fixtures.credit(host, "host"), Map.of("slug", guest, "role", "guest")));
        body.put("topics", List.of(topic1, Map.of("slug", topic2)));
        body.put("chapters", List.of(Map.of("title", "Questions and Topics"),
                Map.of("title", "Spotify Now", "startTime", 95)));
        body.put("links", List.of(
                Map.of("kind", "video", "title", "Fail Fast, Fail Smart… Succeed! by Kevin Goldsmith", "url", "https://www.youtube.com/watch?v=abc"),
                Map.of("kind", "blog", "title", "Blog post version of the story at Spotify", "url", "https://blog.example.com/spotify-now")));
        return body;
    }

    @Test
    void shouldCreateEpisodeWithGuestsTopicsChaptersAndLinksInOrder() {
        String show = Fixtures.show().getString("slug");
        JsonPath host = Fixtures.guest("Mark Graban");
        JsonPath kevin = Fixtures.guest("Kevin Goldsmith");
        JsonPath failure = Fixtures.topic("Failure");
        JsonPath culture = Fixtures.topic("Culture");
        io.restassured.response.Response created = Fixtures.admin().contentType(ContentType.JSON)
                .body(episode198(show, host.getString("id"), kevin.getString("slug"), failure.getString("slug"), culture.getString("slug")))
                .when().post("/v1/episodes");
        String location = created.header("Location");
        JsonPath episode = created
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .body("show.slug", equalTo(show)).body("show.title", startsWith("Show "))
                .body("slug", startsWith("cto-kevin-goldsmith-on-leveraging-failure"))
                .body("type", equalTo("full")).body("status", equalTo("published"))
                .body("audio.mimeType", equalTo("audio/mpeg"))
                .body("guests.name", equalTo(List.of("Mark Graban", "Kevin Goldsmith")))
                .body("guests.role", equalTo(List.of("host", "guest")))
                .body("guests[1].headline", equalTo("Headline of Kevin Goldsmith"))
                .body("topics.name", equalTo(List.of("Failure", "Culture")))
                .body("chapters.title", equalTo(List.of("Questions and Topics", "Spotify Now")))
                .body("chapters[0].startTime", nullValue()).body("chapters[1].startTime", equalTo(95))
                .body("links.kind", equalTo(List.of("video", "blog")))
                .body("links.position", equalTo(List.of(0, 1)))
                .extract().jsonPath();
        assertEquals(List.of(episode.getString("slug"), episode.getString("slug")), episode.getList("links.episode.slug"));
        assertEquals(RestAssured.baseURI + ":" + RestAssured.port + "/v1/episodes/" + episode.getInt("id"), location);
        given().get(location).then().statusCode(200).body("slug", equalTo(episode.getString("slug")));
        given().get("/v1/episodes/" + episode.getString("slug")).then().statusCode(200)
                .body("id", equalTo(episode.getInt("id"))).body("guests.slug", equalTo(List.of(host.getString("slug"), kevin.getString("slug"))));
        given().get("/v1/guests/" + kevin.getString("slug")).then().body("episodeCount", equalTo(1));
    }

    @Test
    void shouldAcceptItsOwnGetBodyBackWithPut() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Kevin Goldsmith").getString("slug");
        String topic = Fixtures.topic("Learning").getString("slug");
        JsonPath created = Fixtures.create("episodes", episode198(show, guest, Fixtures.guest("Host").getString("slug"), topic,
                Fixtures.topic("Spotify").getString("slug")));
        String ref = created.getString("id");
        Map<String, Object> body = given().get("/v1/episodes/" + ref).then().extract().jsonPath().getMap("");
        body.put("title", "Edited title");
        JsonPath replaced = Fixtures.admin().contentType(ContentType.JSON).body(body)
                .when().put("/v1/episodes/" + ref)
                .then().statusCode(200).body("title", equalTo("Edited title"))
                .body("guests.slug", equalTo(created.getList("guests.slug")))
                .body("topics.slug", equalTo(created.getList("topics.slug")))
                .body("chapters", equalTo(created.getList("chapters")))
                .extract().jsonPath();
        assertEquals(created.getList("links.id"), replaced.getList("links.id"), "links with the same URL keep their ids");
        assertEquals(created.getLong("version") + 1, replaced.getLong("version"));
    }

    @Test
    void shouldReplaceChaptersGuestsAndLinksOnPut() {
        String show = Fixtures.show().getString("slug");
        JsonPath created = Fixtures.create("episodes", episode198(show, Fixtures.guest("A").getString("slug"),
                Fixtures.guest("B").getString("slug"), Fixtures.topic("T1").getString("slug"), Fixtures.topic("T2").getString("slug")));
        Map<String, Object> body = new HashMap<>(Map.of("show", show, "title", "Smaller", "guid", created.getString("guid"),
                "chapters", Fixtures.chapters("Only one"),
                "links", List.of(Map.of("kind", "website", "url", "https://example.org/new"))));
        Fixtures.admin().contentType(ContentType.JSON).body(body).when().put("/v1/episodes/" + created.getString("slug"))
                .then().statusCode(200)
                .body("guests", hasSize(0)).body("topics", hasSize(0))
                .body("chapters.title", equalTo(List.of("Only one")))
                .body("links.url", equalTo(List.of("https://example.org/new")))
                .body("status", equalTo("draft")).body("audio", nullValue());
        given().get("/v1/links/" + created.getString("links[0].id")).then().statusCode(404);
    }

    @Test
    void shouldPatchTitleAndKeepEverythingElse() {
        String show = Fixtures.show().getString("slug");
        JsonPath created = Fixtures.create("episodes", episode198(show, Fixtures.guest("A").getString("slug"),
                Fixtures.guest("B").getString("slug"), Fixtures.topic("T1").getString("slug"), Fixtures.topic("T2").getString("slug")));
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Patched", "season", 3))
                .when().patch("/v1/episodes/" + created.getString("id"))
                .then().statusCode(200).body("title", equalTo("Patched")).body("season", equalTo(3))
                .body("guests.slug", equalTo(created.getList("guests.slug")))
                .body("chapters", equalTo(created.getList("chapters")))
                .body("links.id", equalTo(created.getList("links.id")))
                .body("guid", equalTo(created.getString("guid")));
    }

    @Test
    void shouldRefuseSecondEpisodeWithSameGuidNamingTheFirst() {
        String show = Fixtures.show().getString("slug");
        JsonPath first = Fixtures.episode(show, Map.of("guid", "guid-198"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "Again", "guid", "guid-198"))
                .when().post("/v1/episodes")
                .then().statusCode(409).contentType("application/problem+json")
                .body("existing.id", equalTo(first.getInt("id"))).body("existing.slug", equalTo(first.getString("slug")))
                .body("detail", containsString("guid-198"));
        // the same guid in another show is fine
        Fixtures.episode(Fixtures.show().getString("slug"), Map.of("guid", "guid-198"));
    }

    @Test
    void shouldNameTheFieldOfEachValidationError() {
        String show = Fixtures.show().getString("slug");
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x",
                        "guests", List.of(Map.of("ref", "someone", "role", "star"))))
                .when().post("/v1/episodes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/guests/0/role"))
                .body("errors[0].message", containsString("guest-host"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x",
                        "links", List.of(Map.of("kind", "blog", "url", "javascript:alert(1)"))))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/links/0/url"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/title"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x".repeat(301)))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/title"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x", "number", "twelve"))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/number"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x", "colour", "red"))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/colour")).body("detail", containsString("colour"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x", "type", "movie"))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/type"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x", "guests", List.of(Map.of("ref", "nobody-at-all", "role", "guest"))))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/guests/0"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", "no-such-show", "title", "x"))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/show"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "x", "publishedAt", "yesterday"))
                .when().post("/v1/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/publishedAt"));
        Fixtures.admin().contentType(ContentType.JSON).body("{\"show\": \"" + show + "\", \"title\": ")
                .when().post("/v1/episodes")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        given().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
    }

    @Test
    void shouldNeverLeakInternalsInProblems() {
        String body = Fixtures.admin().contentType(ContentType.JSON).body("{\"show\": {\"id\": \"x\"}, \"title\": 5}")
                .when().post("/v1/episodes")
                .then().statusCode(400).extract().asString();
        for (String leak : List.of("java.", "fm.catalog", "Exception", "jackson", "SQL")) {
            assertEquals(false, body.contains(leak), leak + " in " + body);
        }
    }

    @Test
    void shouldWriteNothingWhenPutIsRefused() {
        String show = Fixtures.show().getString("slug");
        JsonPath created = Fixtures.create("episodes", episode198(show, Fixtures.guest("A").getString("slug"),
                Fixtures.guest("B").getString("slug"), Fixtures.topic("T1").getString("slug"), Fixtures.topic("T2").getString("slug")));
        Map<String, Object> body = given().get("/v1/episodes/" + created.getString("id")).then().extract().jsonPath().getMap("");
        body.put("title", "Should not stick");
        body.put("topics", List.of("no-such-topic-ever"));
        Fixtures.admin().contentType(ContentType.JSON).body(body).when().put("/v1/episodes/" + created.getString("id"))
                .then().statusCode(400).body("errors[0].pointer", equalTo("/topics/0"));
        given().get("/v1/episodes/" + created.getString("id")).then()
                .body("title", equalTo(created.getString("title"))).body("version", equalTo(created.getInt("version")))
                .body("topics.slug", equalTo(created.getList("topics.slug")));
    }

    @Test
    void shouldFilterEpisodesByShowGuestTopicSeasonTypeAndStatus() {
        String show = Fixtures.show().getString("slug");
        String kevin = Fixtures.guest("Kevin").getString("slug");
        String topic = Fixtures.topic("Failure").getString("slug");
        JsonPath a = Fixtures.episode(show, Map.of("season", 1, "guests", List.of(Fixtures.credit(kevin, "guest")), "topics", List.of(topic)));
        JsonPath b = Fixtures.episode(show, Map.of("season", 2, "type", "bonus"));
        JsonPath c = Fixtures.episode(show, Map.of("season", 2, "status", "draft"));
        // one publishedAt for all three: newest id first breaks the tie
        List<Integer> all = List.of(c.getInt("id"), b.getInt("id"), a.getInt("id"));
        Fixtures.admin().queryParam("show", show).get("/v1/episodes").then().statusCode(200).body("items.id", equalTo(all));
        given().queryParam("show", show).get("/v1/episodes").then().statusCode(200).body("items.id", equalTo(all.subList(1, 3)));
        Fixtures.admin().queryParam("show", show).queryParam("season", 2).get("/v1/episodes").then().body("items.id", equalTo(List.of(c.getInt("id"), b.getInt("id"))));
        given().queryParam("show", show).queryParam("type", "bonus").get("/v1/episodes").then().body("items.id", equalTo(List.of(b.getInt("id"))));
        Fixtures.admin().queryParam("show", show).queryParam("status", "draft").get("/v1/episodes").then().body("items.id", equalTo(List.of(c.getInt("id"))));
        given().queryParam("show", show).queryParam("status", "draft").get("/v1/episodes").then().body("items", hasSize(0));
        given().queryParam("guest", kevin).get("/v1/episodes").then().body("items.id", equalTo(List.of(a.getInt("id"))));
        given().queryParam("topic", topic).get("/v1/episodes").then().body("items.id", equalTo(List.of(a.getInt("id"))));
        given().get("/v1/guests/" + kevin + "/episodes").then().body("items.id", equalTo(List.of(a.getInt("id"))));
        given().get("/v1/topics/" + topic + "/episodes").then().body("items.id", equalTo(List.of(a.getInt("id"))));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items.id", equalTo(all));
        given().queryParam("guid", a.getString("guid")).queryParam("show", show).get("/v1/episodes").then().body("items.id", equalTo(List.of(a.getInt("id"))));
        given().queryParam("type", "movie").get("/v1/episodes").then().statusCode(400).body("errors[0].parameter", equalTo("type"));
        given().queryParam("guest", "nobody-by-that-slug").get("/v1/episodes").then().statusCode(400);
        given().get("/v1/guests/nobody-by-that-slug/episodes").then().statusCode(404);
        given().queryParam("publishedAfter", "last week").get("/v1/episodes").then().statusCode(400);
    }

    @Test
    void shouldSortAndPageEpisodesByDateNumberAndTitle() {
        String show = Fixtures.show().getString("slug");
        JsonPath e1 = Fixtures.episode(show, Map.of("number", 1, "title", "Charlie", "publishedAt", "2024-01-01T00:00:00Z"));
        JsonPath e2 = Fixtures.episode(show, Map.of("number", 2, "title", "Alpha", "publishedAt", "2024-02-01T00:00:00Z"));
        JsonPath e3 = Fixtures.episode(show, Map.of("number", 3, "title", "Bravo", "publishedAt", "2024-03-01T00:00:00Z"));
        JsonPath draft = Fixtures.create("episodes", Map.of("show", show, "title", "Delta"));
        List<Integer> newest = List.of(e3.getInt("id"), e2.getInt("id"), e1.getInt("id"), draft.getInt("id"));
        Fixtures.admin().queryParam("show", show).get("/v1/episodes").then().body("items.id", equalTo(newest));
        given().queryParam("show", show).get("/v1/episodes").then().body("items.id", equalTo(newest.subList(0, 3)));
        Fixtures.admin().queryParam("show", show).queryParam("sort", "number").get("/v1/episodes").then()
                .body("items.id", equalTo(List.of(draft.getInt("id"), e1.getInt("id"), e2.getInt("id"), e3.getInt("id"))));
        Fixtures.admin().queryParam("show", show).queryParam("sort", "title").get("/v1/episodes").then()
                .body("items.title", equalTo(List.of("Alpha", "Bravo", "Charlie", "Delta")));
        // page through two at a time
        JsonPath page1 = Fixtures.admin().queryParam("show", show).queryParam("limit", 2).get("/v1/episodes").then().extract().jsonPath();
        JsonPath page2 = Fixtures.admin().queryParam("show", show).queryParam("limit", 2).queryParam("cursor", page1.getString("nextCursor"))
                .get("/v1/episodes").then().extract().jsonPath();
        assertEquals(newest.subList(0, 2), page1.getList("items.id"));
        assertEquals(newest.subList(2, 4), page2.getList("items.id"));
        assertEquals(null, page2.getString("nextCursor"));
        given().queryParam("show", show).queryParam("sort", "number").queryParam("cursor", page1.getString("nextCursor"))
                .get("/v1/episodes").then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void shouldSearchTitleGuestNamesTopicsAndChaptersByRelevance() {
        String show = Fixtures.show().getString("slug");
        String word = "zq" + Fixtures.unique("w").replace("-", "");
        String guest = Fixtures.guest("Ada " + word).getString("slug");
        JsonPath inTitle = Fixtures.episode(show, Map.of("title", "All about " + word));
        JsonPath byGuest = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(guest, "guest"))));
        JsonPath inChapter = Fixtures.episode(show, Map.of("chapters", Fixtures.chapters("A chapter on " + word)));
        Fixtures.episode(show, Map.of("title", "Unrelated"));
        JsonPath found = given().queryParam("q", word).get("/v1/episodes").then().statusCode(200).extract().jsonPath();
        assertEquals(java.util.Set.of(inTitle.getInt("id"), byGuest.getInt("id"), inChapter.getInt("id")),
                java.util.Set.copyOf(found.getList("items.id")));
        assertEquals(inChapter.getInt("id"), found.getList("items.id").get(2), "chapters weigh less than titles and guest names");
        // the same publishedAt for all three: newest id first breaks the tie
        given().queryParam("q", word).queryParam("sort", "-publishedAt").get("/v1/episodes").then()
                .body("items.id", equalTo(List.of(inChapter.getInt("id"), byGuest.getInt("id"), inTitle.getInt("id"))));
        given().queryParam("sort", "relevance").get("/v1/episodes").then().statusCode(400);
        // renaming the guest re-indexes the episode
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("name", "Ada Lovelace"))
                .when().patch("/v1/guests/" + guest).then().statusCode(200);
        given().queryParam("q", word).get("/v1/episodes").then().body("items.id", equalTo(List.of(inTitle.getInt("id"), inChapter.getInt("id"))));
    }

    @Test
    void shouldServePodcastingJsonChapters() {
        String show = Fixtures.show().getString("slug");
        JsonPath e = Fixtures.episode(show, Map.of("chapters", List.of(Map.of("title", "Heading"), Map.of("title", "Intro", "startTime", 0),
                Map.of("title", "Story", "startTime", 95))));
        given().accept(ContentType.JSON).get("/v1/episodes/" + e.getString("slug") + "/chapters.json").then().statusCode(200)
                .body("version", equalTo("1.2.0"))
                .body("chapters.title", equalTo(List.of("Intro", "Story")))
                .body("chapters.startTime", equalTo(List.of(0, 95)))
                .header("ETag", notNullValue());
        given().get("/v1/episodes/" + e.getString("slug") + "/chapters.json").then().statusCode(200)
                .contentType("application/json+chapters");
    }

    @Test
    void shouldDeleteEpisodeWithItsLinks() {
        String show = Fixtures.show().getString("slug");
        JsonPath e = Fixtures.episode(show, Map.of("links", List.of(Map.of("kind", "blog", "url", "https://example.org/x"))));
        given().get("/v1/episodes/" + e.getString("id") + "/links").then().body("items.id", equalTo(List.of(e.getInt("links[0].id"))));
        Fixtures.admin().delete("/v1/episodes/" + e.getString("id")).then().statusCode(204);
        given().get("/v1/episodes/" + e.getString("id")).then().statusCode(404);
        given().get("/v1/links/" + e.getString("links[0].id")).then().statusCode(404);
        given().get("/v1/episodes/" + e.getString("id") + "/links").then().statusCode(404);
    }

    @Test
    void shouldRequireDateForScheduledAndDatePublishedOnes() {
        String show = Fixtures.show().getString("slug");
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "Later", "status", "scheduled"))
                .when().post("/v1/episodes").then().statusCode(400).body("errors[0].pointer", equalTo("/publishedAt"));
        String published = Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "Now", "status", "published"))
                .when().post("/v1/episodes").then().statusCode(201).body("publishedAt", notNullValue()).extract().path("publishedAt");
        String id = Fixtures.admin().get("/v1/episodes?show=" + show + "&status=published").then().extract().path("items[0].id").toString();
        // written again without a date, a published episode keeps the one it has
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "title", "Now, retitled", "status", "published"))
                .when().put("/v1/episodes/" + id).then().statusCode(200).body("publishedAt", equalTo(published));
    }
}
