package fm.catalog.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A show's feed imported into a new show (POST /v1/imports/rss) gives back the same episodes. */
@QuarkusTest
class FeedRoundTripTest {

    @Test
    void shouldImportAFeedBackIntoTheSameEpisodes() {
        FeedFixtures.Catalog catalog = FeedFixtures.catalog();
        byte[] feed = FeedFixtures.feed(catalog.show());
        String copy = Fixtures.show().getString("slug");
        Fixtures.admin().contentType("application/rss+xml").body(feed).queryParam("show", copy).post("/v1/imports/rss")
                .then().statusCode(200).body("created", equalTo(2)).body("failed", equalTo(0));

        List<Map<String, Object>> originals = episodes(catalog.show());
        List<Map<String, Object>> copies = episodes(copy);
        assertEquals(List.of("feed-198", "feed-trailer"), copies.stream().map(e -> e.get("guid")).toList(), "no draft, no scheduled episode");
        for (int i = 0; i < originals.size(); i++) {
            Map<String, Object> original = originals.get(i);
            Map<String, Object> imported = copies.get(i);
            for (String field : List.of("guid", "title", "summary", "description", "publishedAt", "durationSeconds", "audio", "number",
                    "season", "type", "explicit", "imageUrl", "status")) {
                assertEquals(original.get(field), imported.get(field), field + " of " + original.get("guid"));
            }
            assertEquals(credits(original), credits(imported), "guests with their roles");
            // the episode's own links, after the link to the original's chapters
            List<Map<String, Object>> links = links(imported);
            List<Map<String, Object>> expected = new ArrayList<>();
            if (!((List<?>) original.get("chapters")).isEmpty()) {
                expected.add(Map.of("kind", "other", "title", "Chapters",
                        "url", "http://localhost:8080/v1/episodes/" + original.get("id") + "/chapters.json"));
            }
            expected.addAll(links(original));
            assertEquals(expected, links, "links of " + original.get("guid"));
        }
        // the chapters travel as that link: it answers the original's chapters
        String chapters = given().get("/v1/episodes/" + originals.get(0).get("id") + "/chapters.json").then().statusCode(200).extract().asString();
        assertEquals(List.of("Intro", "The story"), JsonPath.from(chapters).getList("chapters.title"));
        // and the copy's feed credits the same people: four on the first episode, the host on the trailer
        String again = new String(FeedFixtures.feed(copy), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(5, again.split("<podcast:person ", -1).length - 1);
    }

    private static List<Map<String, Object>> episodes(String show) {
        return given().get("/v1/shows/" + show + "/episodes?limit=100").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> credits(Map<String, Object> episode) {
        return ((List<Map<String, Object>>) episode.get("guests")).stream().map(g -> java.util.Arrays.asList(g.get("name"), g.get("role"), g.get("imageUrl"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> links(Map<String, Object> episode) {
        return ((List<Map<String, Object>>) episode.get("links")).stream()
                .map(l -> Map.of("kind", l.get("kind"), "title", l.get("title"), "url", l.get("url"))).toList();
    }
}
