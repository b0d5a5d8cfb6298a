package fm.catalog.guest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
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
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", name, "headline", "CTO at DistroKid", "organization", "DistroKid",
                        "websiteUrl", "https://kevingoldsmith.com"))
                .when().post("/v1/guests")
                .then().statusCode(201).header("Location", matchesPattern(".*/v1/guests/\\d+"))
                .body("slug", matchesPattern("kevin-goldsmith-x-[a-z0-9]+"))
                .body("episodeCount", equalTo(0)).body("links", hasSize(0));
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
        String busy = Fixtures.guest("Busy").getString("slug");
        String quiet = Fixtures.guest("Quiet").getString("slug");
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(busy, "guest"))));
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(busy, "cohost"), Fixtures.credit(quiet, "guest"))));
        given().get("/v1/guests/" + busy).then().body("episodeCount", equalTo(2));
        List<Integer> counts = given().queryParam("sort", "-episodeCount").queryParam("limit", 100).get("/v1/guests")
                .then().statusCode(200).extract().jsonPath().getList("items.episodeCount");
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i - 1) >= counts.get(i), "descending counts: " + counts);
        }
        // the cursor carries the count
        JsonPath page = given().queryParam("sort", "-episodeCount").queryParam("limit", 1).get("/v1/guests").then().extract().jsonPath();
        given().queryParam("sort", "-episodeCount").queryParam("limit", 1).queryParam("cursor", page.getString("nextCursor"))
                .get("/v1/guests").then().statusCode(200).body("items", hasSize(1));
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
