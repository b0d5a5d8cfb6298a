package fm.catalog.guest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** q on guests and topics forgives small typos and matches word prefixes, best match first, from an index. */
@QuarkusTest
class FuzzyNameSearchTest {

    @Inject
    AgroalDataSource dataSource;

    private static List<String> names(String collection, String q) {
        return given().queryParam("q", q).queryParam("limit", 100).get("/v1/" + collection)
                .then().statusCode(200).extract().jsonPath().getList("items.name");
    }

    @Test
    void shouldFindAGuestDespiteSmallTyposBestMatchFirst() {
        Fixtures.guest("Kevin Goldsmith");
        Fixtures.guest("Kevin Goldman");
        Fixtures.guest("Gerald Smithers");
        List<String> found = names("guests", "kevn goldsmit");
        assertEquals("Kevin Goldsmith", found.get(0), "best match first: " + found);
        assertEquals("Kevin Goldsmith", names("guests", "goldsm").get(0), "a word prefix");
        assertEquals("Kevin Goldsmith", names("guests", "Kevin Goldsmith").get(0), "as typed");
        int weaker = found.indexOf("Kevin Goldman");
        assertTrue(weaker == -1 || weaker > found.lastIndexOf("Kevin Goldsmith"), "a weaker match ranks below, if it matches: " + found);
        assertTrue(!found.contains("Gerald Smithers"), "one shared word part is not a match: " + found);
    }

    @Test
    void shouldRankAnExactNameAboveALongerOneThatContainsIt() {
        String word = "Quennell" + Fixtures.unique("w").replace("-", "").substring(2, 6);
        Fixtures.guest("Marisol " + word + " Of The Long Name Institute");
        Fixtures.guest("Marisol " + word);
        assertEquals(List.of("Marisol " + word, "Marisol " + word + " Of The Long Name Institute"), names("guests", "marisol " + word));
    }

    @Test
    void shouldPageThroughRankedMatchesWithoutGapsOrRepeats() {
        String word = "Thorvald" + Fixtures.unique("w").replace("-", "").substring(2, 6);
        for (int i = 0; i < 7; i++) {
            Fixtures.guest(word + " Person" + (i % 3 == 0 ? "" : " " + "x".repeat(i)));
        }
        List<Object> all = given().queryParam("q", word).queryParam("limit", 100).get("/v1/guests").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertEquals(7, all.size(), "all of them: " + all);
        List<Object> walked = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("q", word).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/guests").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all, walked, "page by page, in the same order");
        assertEquals(walked.size(), new HashSet<>(walked).size());
    }

    @Test
    void shouldSearchTopicsTheSameWay() {
        Fixtures.topic("Engineering Leadership");
        assertEquals("Engineering Leadership", names("topics", "enginering leadershp").get(0));
    }

    @Test
    void shouldFindNothingForNonsenseAndRefuseWhatNoNameCouldBe() {
        assertEquals(List.of(), names("guests", "qzxvkw jjqpz"));
        assertEquals(List.of(), names("guests", "!!! ???"));
        given().queryParam("q", "a".repeat(301)).get("/v1/guests").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldSearchNamesFromTheirIndexes() throws Exception {
        // the planner prefers scanning the few rows a test database holds; forbidding that shows which
        // indexes the condition can use at any size
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("explain select g.id from guests g where (cast('kevn goldsmit' as text) <% g.name"
                    + " or g.search_vector @@ to_tsquery('simple', 'kevn:* & goldsmit:*'))")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
        }
        assertTrue(plan.toString().contains("guests_name_trgm_idx"), plan.toString());
        assertTrue(plan.toString().contains("guests_search_idx"), plan.toString());
    }
}
