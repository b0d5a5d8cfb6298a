package fm.catalog.show;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShowResourceTest {

    @Test
    void shouldCreateShowWithLocationEtagAndGeneratedSlug() {
        String title = "My Favorite Mistake " + Fixtures.unique("x");
        Response response = Fixtures.admin().contentType(ContentType.JSON)
                .body(Map.of("title", title, "categories", List.of("Business", "Careers"), "language", "en"))
                .when().post("/v1/shows")
                .then().statusCode(201)
                .header("ETag", matchesPattern("\"1-[A-Za-z0-9_-]+\"|\"0-[A-Za-z0-9_-]+\""))
                .body("slug", startsWith("my-favorite-mistake-"))
                .body("categories", equalTo(List.of("Business", "Careers")))
                .body("explicit", equalTo(false))
                .body("createdAt", notNullValue())
                .extract().response();
        String id = response.jsonPath().getString("id");
        String slug = response.jsonPath().getString("slug");
        assertEquals(RestAssured.baseURI + ":" + RestAssured.port + "/v1/shows/" + id, response.header("Location"));
        // catalog.base-url, the public address of the API, is http://localhost:8080 in every profile the tests run
        assertEquals("http://localhost:8080/feeds/" + slug + ".xml", response.jsonPath().getString("feedUrl"));
        given().when().get(response.header("Location")).then().statusCode(200).body("title", equalTo(title));
    }

    @Test
    void shouldGetShowByIdAndBySlugWithCachingHeaders() {
        JsonPath show = Fixtures.show();
        String etag = given().when().get("/v1/shows/" + show.getLong("id"))
                .then().statusCode(200)
                .header("Cache-Control", "public, max-age=60, stale-while-revalidate=300")
                .header("Last-Modified", notNullValue())
                .header("ETag", startsWith("\"" + show.getLong("version") + "-"))
                .extract().header("ETag");
        given().when().get("/v1/shows/" + show.getString("slug"))
                .then().statusCode(200).header("ETag", etag).body("id", equalTo(show.getInt("id")));
        given().header("If-None-Match", etag).when().get("/v1/shows/" + show.getString("slug"))
                .then().statusCode(304).header("ETag", etag);
        given().header("If-None-Match", "\"999-other\"").when().get("/v1/shows/" + show.getString("slug"))
                .then().statusCode(200);
    }

    @Test
    void shouldNotGetUnknownShow() {
        given().when().get("/v1/shows/no-such-show-anywhere")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found"))
                .body("type", equalTo("https://podcast-catalog.dev/problems/not-found")).body("instance", equalTo("/v1/shows/no-such-show-anywhere"))
                .body("detail", containsString("no-such-show-anywhere"));
        given().when().get("/v1/shows/987654321").then().statusCode(404);
    }

    @Test
    void shouldReplaceShowAndGrowVersion() {
        JsonPath show = Fixtures.show();
        String ref = show.getString("slug");
        Map<String, Object> body = show.getMap("");
        body.put("title", "Renamed");
        body.put("author", "Ken Watson");
        JsonPath replaced = Fixtures.admin().contentType(ContentType.JSON).body(body)
                .when().put("/v1/shows/" + ref)
                .then().statusCode(200).body("title", equalTo("Renamed")).body("author", equalTo("Ken Watson"))
                .extract().jsonPath();
        assertEquals(show.getLong("version") + 1, replaced.getLong("version"));
        assertEquals(show.getString("slug"), replaced.getString("slug"), "a PUT without a new slug keeps the slug");
    }

    @Test
    void shouldRefuseStaleIfMatchAndWriteNothing() {
        JsonPath show = Fixtures.show();
        String ref = show.getString("slug");
        String etag = given().get("/v1/shows/" + ref).then().extract().header("ETag");
        Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("title", "First"))
                .when().patch("/v1/shows/" + ref).then().statusCode(200);
        Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("title", "Second"))
                .when().patch("/v1/shows/" + ref)
                .then().statusCode(412).contentType("application/problem+json").body("status", equalTo(412));
        Fixtures.admin().contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("title", "Third"))
                .when().put("/v1/shows/" + ref).then().statusCode(412);
        Fixtures.admin().header("If-Match", etag).when().delete("/v1/shows/" + ref).then().statusCode(412);
        given().get("/v1/shows/" + ref).then().statusCode(200).body("title", equalTo("First"));
    }

    @Test
    void shouldPatchOnlyTheGivenFields() {
        JsonPath show = Fixtures.create("shows", Map.of("slug", Fixtures.unique("show"), "title", "Patch me",
                "author", "Someone", "categories", List.of("Tech")));
        String ref = show.getString("slug");
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("description", "Now described"))
                .when().patch("/v1/shows/" + ref)
                .then().statusCode(200)
                .body("description", equalTo("Now described")).body("author", equalTo("Someone"))
                .body("categories", equalTo(List.of("Tech"))).body("title", equalTo("Patch me"));
        Fixtures.admin().contentType("application/merge-patch+json").body("{\"author\": null}")
                .when().patch("/v1/shows/" + ref)
                .then().statusCode(200).body("author", nullValue()).body("description", equalTo("Now described"));
    }

    @Test
    void shouldRefusePatchWithPlainJsonContentType() {
        JsonPath show = Fixtures.show();
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("title", "x"))
                .when().patch("/v1/shows/" + show.getString("slug"))
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void shouldRefuseDuplicateSlugWith409() {
        JsonPath show = Fixtures.show();
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("slug", show.getString("slug"), "title", "Other"))
                .when().post("/v1/shows")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString(show.getString("slug")));
    }

    @Test
    void shouldNumberGeneratedSlugsOfSameTitle() {
        String title = "Same title " + Fixtures.unique("s");
        String first = Fixtures.create("shows", Map.of("title", title)).getString("slug");
        String second = Fixtures.create("shows", Map.of("title", title)).getString("slug");
        assertEquals(first + "-2", second);
    }

    @Test
    void shouldGiveNumericTitlesASlugWithALetter() {
        String slug = Fixtures.create("shows", Map.of("title", "198")).getString("slug");
        assertEquals(true, slug.matches("show-198(-\\d+)?"), slug);
    }

    @Test
    void shouldDeleteShowAndAnswer404After() {
        JsonPath show = Fixtures.show();
        Fixtures.admin().when().delete("/v1/shows/" + show.getString("slug")).then().statusCode(204);
        given().when().get("/v1/shows/" + show.getString("slug")).then().statusCode(404);
    }

    @Test
    void shouldRefuseDeletingShowWithEpisodesUnlessDetach() {
        JsonPath show = Fixtures.show();
        JsonPath episode = Fixtures.episode(show.getString("slug"), Map.of());
        Fixtures.admin().when().delete("/v1/shows/" + show.getString("slug"))
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("detach=true"));
        given().when().get("/v1/episodes/" + episode.getLong("id")).then().statusCode(200);
        Fixtures.admin().queryParam("detach", "true").when().delete("/v1/shows/" + show.getString("slug")).then().statusCode(204);
        given().when().get("/v1/episodes/" + episode.getLong("id")).then().statusCode(404);
    }

    @Test
    void shouldPageShowsWithCursorAndLinkHeader() {
        long before = given().queryParam("count", true).queryParam("limit", 1).get("/v1/shows").then().extract().jsonPath().getLong("total");
        List<Integer> created = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(Fixtures.show().getInt("id"));
        }
        // shows have no filter: the three just written are the three last updated (tests run one at a time)
        List<Integer> newestFirst = List.of(created.get(2), created.get(1), created.get(0));
        Response first = given().queryParam("limit", 2).queryParam("count", true).queryParam("sort", "-updatedAt")
                .when().get("/v1/shows")
                .then().statusCode(200)
                .body("items.id", equalTo(newestFirst.subList(0, 2))).body("total", equalTo((int) before + 3))
                .body("nextCursor", notNullValue())
                .header("Link", containsString("rel=\"next\""))
                .header("ETag", notNullValue())
                .extract().response();
        String cursor = first.jsonPath().getString("nextCursor");
        String next = first.header("Link").replaceAll("^<(.*)>.*$", "$1");
        JsonPath viaLink = given().when().get(next).then().statusCode(200).extract().jsonPath();
        JsonPath viaCursor = given().queryParam("limit", 2).queryParam("count", true).queryParam("sort", "-updatedAt").queryParam("cursor", cursor)
                .when().get("/v1/shows").then().statusCode(200).extract().jsonPath();
        assertEquals(viaCursor.getList("items.id"), viaLink.getList("items.id"));
        List<Integer> second = viaCursor.getList("items.id");
        assertEquals(newestFirst.get(2), second.get(0), "the second page goes on where the first stopped");
        assertEquals(Math.min(2, before + 1), second.size());
        assertFalse(second.stream().anyMatch(newestFirst.subList(0, 2)::contains), "no show on both pages");
    }

    /** Every show, in order, walking pages of the given size. */
    private static List<Object> walk(int limit, String sort) {
        List<Object> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", limit).queryParam("sort", sort);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/shows").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && walked.size() < 100_000);
        return walked;
    }

    @Test
    void shouldWalkEveryShowExactlyOnceThroughTheCursor() {
        String title = "Walked " + Fixtures.unique("w");
        List<Object> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(Fixtures.create("shows", Map.of("title", title)).getInt("id"));
        }
        List<Object> bigPages = walk(100, "title");
        List<Object> smallPages = walk(3, "title");
        assertEquals(bigPages, smallPages, "pages of 3 and of 100 give the same shows in the same order");
        // the four of one title come one after the other, by id: the tie-breaker keeps them apart across pages
        int at = smallPages.indexOf(mine.get(0));
        assertEquals(mine, smallPages.subList(at, at + 4));
        assertEquals(bigPages.size(), new java.util.HashSet<>(bigPages).size(), "no show twice");
        long total = given().queryParam("count", true).queryParam("limit", 1).get("/v1/shows").then().extract().jsonPath().getLong("total");
        assertEquals(total, bigPages.size(), "no show skipped");
    }

    @Test
    void shouldRefuseBadListParameters() {
        given().queryParam("limit", 0).get("/v1/shows").then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
        given().queryParam("limit", 101).get("/v1/shows").then().statusCode(400);
        given().queryParam("limit", "abc").get("/v1/shows").then().statusCode(400);
        given().queryParam("sort", "colour").get("/v1/shows")
                .then().statusCode(400).body("errors[0].parameter", equalTo("sort")).body("detail", containsString("title"));
        given().queryParam("cursor", "garbage!").get("/v1/shows").then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void shouldSortShowsByTitle() {
        String prefix = "Sorted " + Fixtures.unique("s") + " ";
        List<Object> ids = new java.util.ArrayList<>();
        for (String letter : List.of("b", "c", "a")) {
            ids.add(Fixtures.create("shows", Map.of("title", prefix + letter)).getInt("id"));
        }
        List<Object> ascending = walk(100, "title").stream().filter(ids::contains).toList();
        List<Object> descending = walk(100, "-title").stream().filter(ids::contains).toList();
        assertEquals(List.of(ids.get(2), ids.get(0), ids.get(1)), ascending);
        assertEquals(List.of(ids.get(1), ids.get(0), ids.get(2)), descending);
    }
}
