package fm.catalog.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Large imports compute the text part of their search documents ahead, on another connection. The
 * documents they store must be exactly those the catalog builds from the rows (refresh_episode_search),
 * and the work ahead must really be used.
 */
@QuarkusTest
class SearchDocumentsTest {
    static final int EPISODES = 120;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldStoreTheDocumentsTheCatalogWouldBuildWhetherComputedAheadOrInline() throws SQLException {
        String show = Fixtures.show().getString("slug");
        String known = Fixtures.guest("Known Searchable Guest").getString("slug");
        String word = "marmalade" + Fixtures.unique("w").replaceAll("[^a-z]", "");

        double ahead = count("ahead");
        double inline = count("inline");
        post(show, items(known, word, "first telling"), 200).body("created", equalTo(EPISODES));
        assertEquals(EPISODES, count("ahead") - ahead, 0.0, "every document's text part was computed ahead");
        assertEquals(inline, count("inline"), 0.0);
        assertDocumentsAreThoseTheCatalogBuilds(show);
        given().queryParam("q", word + " first").queryParam("count", true).get("/v1/episodes").then().body("total", equalTo(EPISODES));
        given().queryParam("q", "Searchable").queryParam("show", show).queryParam("count", true).get("/v1/episodes")
                .then().body("total", equalTo(EPISODES));

        // updates take the same way
        post(show, items(known, word, "second telling"), 200).body("updated", equalTo(EPISODES));
        assertEquals(2 * EPISODES, count("ahead") - ahead, 0.0);
        assertDocumentsAreThoseTheCatalogBuilds(show);

        // a small import computes them in its insert
        post(show, items(known, word, "third telling").subList(0, 3), 200).body("updated", equalTo(3));
        assertEquals(3, count("inline") - inline, 0.0);
        assertDocumentsAreThoseTheCatalogBuilds(show);
    }

    private List<Map<String, Object>> items(String known, String word, String telling) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < EPISODES; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("guid", "doc-" + i);
            // titles are stored stripped: the work ahead must see them the same way
            item.put("title", (i % 3 == 0 ? "  " : "") + "Episode " + i + " of the mistakes series" + (i % 4 == 0 ? "  " : ""));
            item.put("status", "published");
            item.put("publishedAt", "2024-05-01T08:00:00Z");
            if (i % 2 == 0) {
                item.put("summary", "A summary about lesson " + i + " and its " + telling);
            }
            item.put("description", "Notes on " + word + " number " + i + ", the " + telling + ". " + "Quoted words \"like\" this. ".repeat(i % 5));
            item.put("guests", List.of(Map.of("ref", known, "role", "host"), Map.of("name", "Doc Guest " + (i % 7), "role", "guest")));
            item.put("topics", List.of(Map.of("name", "Doc Topic " + (i % 5))));
            if (i % 3 != 1) {
                item.put("chapters", Fixtures.chapters(" Opening ", "The " + telling));
            }
            items.add(item);
        }
        return items;
    }

    private io.restassured.response.ValidatableResponse post(String show, List<Map<String, Object>> items, int status) {
        return Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items))
                .post("/v1/imports/episodes").then().statusCode(status);
    }

    private double count(String computed) {
        // registered when the first import needs them
        var counter = registry.find("catalog.import.search.documents").tag("computed", computed).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The stored documents equal those refresh_episode_search() rebuilds from the rows. */
    private void assertDocumentsAreThoseTheCatalogBuilds(String show) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<Long, String> stored = documents(c, show);
            assertEquals(EPISODES, stored.size());
            try (PreparedStatement refresh = c.prepareStatement(
                    "select refresh_episode_search(array(select e.id from episodes e join shows s on s.id = e.show_id where s.slug = ?))")) {
                refresh.setString(1, show);
                refresh.execute();
            }
            Map<Long, String> rebuilt = documents(c, show);
            List<Long> differing = stored.keySet().stream().filter(id -> !stored.get(id).equals(rebuilt.get(id))).sorted().toList();
            assertEquals(List.of(), differing, "episodes whose stored document differs from the rebuilt one");
        }
    }

    private static Map<Long, String> documents(Connection c, String show) throws SQLException {
        Map<Long, String> documents = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement(
                "select e.id, e.search_vector::text from episodes e join shows s on s.id = e.show_id where s.slug = ?")) {
            query.setString(1, show);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    documents.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return documents;
    }
}
