package fm.catalog.guest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Eventually;
import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GuestResourceTest {

    @Test
    void shouldCreateGuestWithSlugFromName() {
        String name = "Kevin Göldsmith " + Fixtures.unique("x");
        var created = Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", name, "headline", "CTO at DistroKid", "organization", "DistroKid",
                        "websiteUrl", "https://kevingoldsmith.com"))
                .when().post("/v1/guests");
        created.then().statusCode(201)
                .body("slug", matchesPattern("kevin-goldsmith-x-[a-z0-9]+"))
                .body("episodeCount", equalTo(0)).body("links", hasSize(0));
        assertEquals(RestAssured.baseURI + ":" + RestAssured.port + "/v1/guests/" + created.jsonPath().getInt("id"), created.header("Location"));
    }

    @Test
    void shouldListGuestLinksInOrderAndEmbedThem() {
        JsonPath guest = Fixtures.guest("Linked Guest");
        String ref = guest.getString("slug");
        Fixtures.create("links", Map.of("kind", "website", "url", "https://example.org/b", "guest", ref, "position", 5));
        Fixtures.create("links", Map.of("kind", "social", "url", "https://example.org/a", "guest", ref, "position", 1));
        given().get("/v1/guests/" + ref).then().statusCode(200).body("links.kind", equalTo(List.of("social", "website")));
        given().get("/v1/guests/" + ref + "/links").then().statusCode(200).body("items.kind", equalTo(List.of("social", "website")))
                .body("items[0].guest.slug", equalTo(ref));
    }

    @Test
    void shouldSearchGuestsByPrefixOfTheirWords() {
        String word = "zz" + Fixtures.unique("g").replace("-", "");
        JsonPath guest = Fixtures.create("guests", Map.of("name", "Ada " + word + " Lovelace"));
        given().queryParam("q", word.substring(0, 6)).get("/v1/guests").then().statusCode(200)
                .body("items.id", equalTo(List.of(guest.getInt("id"))));
        given().queryParam("q", "ada " + word).get("/v1/guests").then().body("items.id", equalTo(List.of(guest.getInt("id"))));
        given().queryParam("q", "'&|!:*()").get("/v1/guests").then().statusCode(200);
    }

    @Test
    void shouldCountEpisodesAndSortByThem() {
        String show = Fixtures.show().getString("slug");
        // one word in all three names, so that q= lists these guests and no one else's
        String word = "zc" + Fixtures.unique("g").replace("-", "");
        int idle = Fixtures.guest("Idle " + word).getInt("id");
        JsonPath busyGuest = Fixtures.guest("Busy " + word);
        JsonPath quietGuest = Fixtures.guest("Quiet " + word);
        String busy = busyGuest.getString("slug");
        String quiet = quietGuest.getString("slug");
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(busy, "guest"))));
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(busy, "cohost"), Fixtures.credit(quiet, "guest"))));
        given().get("/v1/guests/" + busy).then().body("episodeCount", equalTo(2));
        List<Integer> mostFirst = List.of(busyGuest.getInt("id"), quietGuest.getInt("id"), idle);
        // counts are exact at once; the order follows within the fold interval
        given().queryParam("q", word).queryParam("sort", "name").get("/v1/guests").then().body("items.episodeCount", equalTo(List.of(2, 0, 1)));
        Eventually.equal(mostFirst, () -> given().queryParam("q", word).queryParam("sort", "-episodeCount").get("/v1/guests")
                .then().statusCode(200).extract().jsonPath().getList("items.id"), "guests by -episodeCount");
        given().queryParam("q", word).queryParam("sort", "-episodeCount").get("/v1/guests")
                .then().statusCode(200).body("items.id", equalTo(mostFirst)).body("items.episodeCount", equalTo(List.of(2, 1, 0)));
        given().queryParam("q", word).queryParam("sort", "name").get("/v1/guests").then().body("items.id", equalTo(List.of(busyGuest.getInt("id"), idle,
                quietGuest.getInt("id"))));
        // the cursor carries the count: page by page, each guest once, in the same order
        List<Integer> walked = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            var request = given().queryParam("q", word).queryParam("sort", "-episodeCount").queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get("/v1/guests").then().statusCode(200).extract().jsonPath();
            walked.addAll(body.getList("items.id"));
            cursor = body.getString("nextCursor");
        }
        assertEquals(mostFirst, walked);
        assertEquals(null, cursor, "no page after the last guest");
    }

    @Test
    void shouldRefuseDeletingGuestOnEpisodesUnlessDetach() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("On air").getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(guest, "guest"))));
        Fixtures.admin().delete("/v1/guests/" + guest).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("detach=true"));
        Fixtures.admin().queryParam("detach", true).delete("/v1/guests/" + guest).then().statusCode(204);
        given().get("/v1/guests/" + guest).then().statusCode(404);
        JsonPath after = given().get("/v1/episodes/" + episode.getString("slug")).then().statusCode(200).extract().jsonPath();
        assertEquals(0, after.getList("guests").size());
        assertEquals(episode.getLong("version") + 1, after.getLong("version"), "detaching changes the episode");
    }

    @Test
    void shouldChangeEpisodeEtagWhenEmbeddedGuestIsRenamed() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Before").getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(guest, "guest"))));
        String etag = given().get("/v1/episodes/" + episode.getString("slug")).then().extract().header("ETag");
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("name", "After")).patch("/v1/guests/" + guest).then().statusCode(200);
        given().header("If-None-Match", etag).get("/v1/episodes/" + episode.getString("slug"))
                .then().statusCode(200).body("guests[0].name", equalTo("After"));
        // the version part still matches, so a write based on the old read is not refused
        Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("season", 1))
                .patch("/v1/episodes/" + episode.getString("slug")).then().statusCode(200);
    }

    @Test
    void shouldRefuseInvalidGuests() {
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", " ")).post("/v1/guests")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/name"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "X", "imageUrl", "ftp://example.org/x.png")).post("/v1/guests")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/imageUrl"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "X", "slug", "Not A Slug")).post("/v1/guests")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/slug"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "X", "slug", "12345")).post("/v1/guests")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/slug"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "X", "episodeCount", 99, "id", 5)).post("/v1/guests")
                .then().statusCode(201).body("episodeCount", equalTo(0));
    }
}
