package fm.catalog.episode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One clock, the database's: what a write stamps and what reads compare with. */
@QuarkusTest
class ClockTest {

    @Inject
    AgroalDataSource dataSource;

    private Instant databaseNow() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select now()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    @Test
    void shouldStampEverythingAWriteMakesWithItsTransactionsTime() {
        JsonPath episode = Fixtures.create("episodes", Map.of("show", Fixtures.show().getString("slug"), "title", "Stamped",
                "status", "published", "links", List.of(Map.of("kind", "blog", "url", "https://example.org/a"),
                        Map.of("kind", "video", "url", "https://example.org/b"))));
        String created = episode.getString("createdAt");
        assertEquals(created, episode.getString("updatedAt"));
        assertEquals(created, episode.getString("publishedAt"), "published now: the same now");
        assertEquals(List.of(created, created), episode.getList("links.createdAt"), "the links were made in the same transaction");
    }

    @Test
    void shouldShowAScheduledEpisodeInListsAndByRefAtTheSameMoment() throws Exception {
        String show = Fixtures.show().getString("slug");
        Instant due = databaseNow().plusMillis(1500);
        String id = Fixtures.create("episodes", Map.of("show", show, "title", "Scheduled", "status", "scheduled",
                "publishedAt", due.toString())).getString("id");
        boolean everHidden = false;
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            int before = given().get("/v1/episodes/" + id).statusCode();
            boolean listed = given().queryParam("show", show).get("/v1/episodes").then().statusCode(200).extract()
                    .jsonPath().getList("items.id").stream().anyMatch(i -> String.valueOf(i).equals(id));
            int after = given().get("/v1/episodes/" + id).statusCode();
            // the three reads are in this order: once one of them sees it, every later one does
            if (before == 200) {
                assertTrue(listed && after == 200, "seen by ref, then not in the list");
            }
            if (listed) {
                assertEquals(200, after, "listed, then not found by ref");
            }
            if (before == 404 && !listed) {
                everHidden = true;
                assertTrue(databaseNow().isBefore(due.plusMillis(1000)), "hidden after it fell due");
            }
            if (after == 200 && listed) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "it never appeared");
            Thread.sleep(50);
        }
        assertTrue(everHidden, "hidden before it fell due");
        assertTrue(!databaseNow().isBefore(due), "visible only once due by the database's clock");
    }

    @Test
    void shouldFindAWriteByUpdatedSinceItsOwnUpdatedAt() {
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of());
        Fixtures.admin().queryParam("show", show).queryParam("updatedSince", episode.getString("updatedAt")).get("/v1/episodes")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.equalTo(List.of(episode.getInt("id"))));
        Fixtures.admin().contentType(ContentType.JSON).queryParam("show", show)
                .queryParam("updatedSince", Instant.parse(episode.getString("updatedAt")).plusNanos(1000).toString()).get("/v1/episodes")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }
}
