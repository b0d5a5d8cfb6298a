package fm.catalog.episode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Pages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A search by relevance ranks the newest catalog.search.ranked-matches matches only (3 here), so that a common
 * word costs the same as a rare one; other sorts page through every match, and the count counts them all.
 */
@QuarkusTest
@TestProfile(RankedSearchTest.ThreeRanked.class)
class RankedSearchTest {

    public static class ThreeRanked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.search.ranked-matches", "3");
        }
    }

    @Test
    void shouldRankTheNewestMatchesOnly() {
        String show = Fixtures.show().getString("slug");
        String word = "zr" + Fixtures.unique("w").replace("-", "");
        List<Integer> newestFirst = new ArrayList<>();
        // the oldest says the word most often: it would rank first, were it among the candidates
        String[] titles = {word + " " + word + " " + word + " " + word, word + " one", word + " " + word + " two", word + " three", "four " + word};
        for (int i = 0; i < titles.length; i++) {
            JsonPath e = Fixtures.episode(show, Map.of("title", titles[i], "publishedAt", "2024-0" + (i + 1) + "-01T00:00:00Z"));
            newestFirst.add(0, e.getInt("id"));
        }
        // newestFirst: four, three, two (word twice), one, the oldest
        List<Integer> ranked = walk(Map.of("q", word));
        assertEquals(3, ranked.size(), "three ranked: " + ranked);
        assertEquals(newestFirst.get(2), ranked.get(0), "the match with the word twice ranks first among the newest three");
        assertEquals(new HashSet<>(newestFirst.subList(0, 3)), new HashSet<>(ranked), "the newest three, no other");
        assertEquals(newestFirst, walk(Map.of("q", word, "sort", "-publishedAt")), "by date, every match");
        assertEquals(5, given().queryParam("q", word).queryParam("count", true).get("/v1/episodes").then().statusCode(200)
                .extract().jsonPath().getInt("total"), "the count counts every match");
    }

    private static List<Integer> walk(Map<String, String> params) {
        return Pages.walk("/v1/episodes", params, 2, 20);
    }
}
