package fm.catalog.episode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fm.catalog.support.Eventually;
import fm.catalog.support.Fixtures;
import fm.catalog.support.Parallel;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Episode counts come from maintained counters (V9: deltas appended by triggers, folded every 250 ms,
 * pending ones added at read) and are exact at every read: compared here with a count of the rows,
 * under parallel imports into the same guest and topic, through status changes, deletes and a
 * scheduled episode falling due; and catalog_refresh_derived() rebuilds them as they were.
 */
@QuarkusTest
class EpisodeCountsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldCountExactlyWhileParallelImportsNameTheSameGuestAndTopic() throws Exception {
        String word = Fixtures.unique("cnt").replaceAll("[^a-z0-9]", "");
        JsonGuest guest = new JsonGuest(Fixtures.guest("Shared " + word).getString("slug"), Fixtures.topic("Shared " + word).getString("slug"));
        List<String> shows = new ArrayList<>();
        for (int i = 0; i < 6; i++) shows.add(Fixtures.show().getString("slug"));
        Parallel.run(6, i -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("guid", word + "-" + i + "-" + k);
                item.put("title", "Counted " + word + " " + k);
                item.put("status", k % 5 == 0 ? "draft" : "published");
                item.put("publishedAt", "2024-05-01T08:00:00Z");
                item.put("guests", List.of(Map.of("ref", guest.guest(), "role", "guest")));
                item.put("topics", List.of(Map.of("ref", guest.topic())));
                items.add(item);
            }
            return Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", shows.get(i), "episodes", items))
                    .post("/v1/imports/episodes").then().statusCode(200).extract().jsonPath().getInt("created");
        });
        assertCountsExact("guests", guest.guest(), 120, 96);
        assertCountsExact("topics", guest.topic(), 120, 96);
        // a second round over the same episodes: updates that turn drafts into published, and back
        Parallel.run(6, i -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                items.add(Map.of("guid", word + "-" + i + "-" + k, "title", "Counted " + word + " " + k, "status", k % 4 == 0 ? "draft" : "published",
                        "publishedAt", "2024-05-01T08:00:00Z", "guests", List.of(Map.of("ref", guest.guest(), "role", "guest")),
                        "topics", k % 2 == 0 ? List.of(Map.of("ref", guest.topic())) : List.of()));
            }
            return Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", shows.get(i), "episodes", items))
                    .post("/v1/imports/episodes").then().statusCode(200).extract().jsonPath().getInt("updated");
        });
        assertCountsExact("guests", guest.guest(), 120, 90);
        assertCountsExact("topics", guest.topic(), 60, 30);
        assertFolded("guest", guest.guest());
        assertFolded("topic", guest.topic());
    }

    private record JsonGuest(String guest, String topic) {
    }

    @Test
    void shouldFollowStatusChangesDeletesAndAScheduledEpisodeFallingDue() throws Exception {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Followed").getString("slug");
        List<String> episodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            episodes.add(Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(guest, "guest")))).getString("slug"));
        }
        assertCountsExact("guests", guest, 3, 3);
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("status", "draft"))
                .patch("/v1/episodes/" + episodes.get(0)).then().statusCode(200);
        assertCountsExact("guests", guest, 3, 2);
        Fixtures.admin().delete("/v1/episodes/" + episodes.get(1)).then().statusCode(204);
        assertCountsExact("guests", guest, 2, 1);
        Instant due = Instant.now().plusMillis(4000);
        Fixtures.episode(show, Map.of("status", "scheduled", "publishedAt", due.toString(), "guests", List.of(Fixtures.credit(guest, "guest"))));
        // not due yet: counted for keyed readers only (checked while the machine keeps well before the due time)
        if (Instant.now().isBefore(due.minusMillis(1500))) {
            assertCountsExact("guests", guest, 3, 1);
        }
        assertFolded("guest", guest);
        while (Instant.now().isBefore(due.plusMillis(100))) {
            Thread.sleep(50);
        }
        // exact at once, fold or not; the counter's sort key follows within the fold interval
        assertCountsExact("guests", guest, 3, 2);
        assertFolded("guest", guest);
        Eventually.equal(2L, () -> visibleCounter("guest", guest), "the folded visible count");
        // the whole catalog and the show, from their counters, as a count of the rows says
        assertEquals(rowCount("select count(*) from episodes e where episode_visible(e.status, e.published_at)"),
                given().queryParam("count", true).get("/v1/episodes").then().statusCode(200).extract().jsonPath().getLong("total"));
        assertEquals(rowCount("select count(*) from episodes"),
                Fixtures.admin().queryParam("count", true).get("/v1/episodes").then().statusCode(200).extract().jsonPath().getLong("total"));
        assertEquals(2, given().queryParam("count", true).get("/v1/shows/" + show + "/episodes").then().extract().jsonPath().getLong("total"));
        assertEquals(3, Fixtures.admin().queryParam("count", true).get("/v1/shows/" + show + "/episodes").then().extract().jsonPath().getLong("total"));
        // a filter beyond the scope: counted (a cheap plan), so exact and not marked as an estimate
        JsonPath filtered = Fixtures.admin().queryParam("count", true).queryParam("status", "scheduled").get("/v1/shows/" + show + "/episodes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, filtered.getLong("total"));
        assertNull(filtered.get("totalEstimated"));
    }

    @Test
    void shouldRefreshEveryDerivedValueFromTheBaseTables() throws Exception {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Refreshed").getString("slug");
        String topic = Fixtures.topic("Refreshed").getString("slug");
        for (int i = 0; i < 3; i++) {
            Fixtures.episodeOf(show, guest, topic, Map.of("title", "Refreshed " + i));
        }
        long guestId = given().get("/v1/guests/" + guest).then().extract().jsonPath().getLong("id");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // what a bulk load with triggers off leaves: link rows without keys, counters wrong
            s.execute("update episode_counts set episodes = episodes + 7, listed = 0, visible = 99 where kind = 'guest' and owner_id = " + guestId);
            s.execute("update episode_guests set title = 'wrong', status = null, published_at = null where guest_id = " + guestId);
            s.execute("select catalog_refresh_derived()");
            s.execute("select catalog_refresh_derived()");
        }
        assertEquals(0, rowCount("select count(*) from episode_guests c join episodes e on e.id = c.episode_id "
                + "where (c.published_sort, c.number_sort, c.title, c.updated_at, c.status, c.published_at) "
                + "is distinct from (e.published_sort, e.number_sort, e.title, e.updated_at, e.status, e.published_at)"));
        assertEquals(0, rowCount("select count(*) from episode_count_deltas"));
        assertEquals(0, rowCount("select count(*) from episode_counts n where n.kind = 'guest' and (n.episodes, n.visible) is distinct from "
                + "((select count(*) from episode_guests c where c.guest_id = n.owner_id), "
                + "(select count(*) from episode_guests c where c.guest_id = n.owner_id and episode_visible(c.status, c.published_at)))"),
                "every guest's counters");
        assertEquals(0, rowCount("select count(*) from guests g where not exists (select 1 from episode_counts n where n.kind = 'guest' and n.owner_id = g.id)"));
        assertCountsExact("guests", guest, 3, 3);
        assertEquals(3, visibleCounter("guest", guest));
    }

    /** The API's counts (anonymous, keyed, and count=true of the scoped list) and a count of the rows agree with the expected. */
    private void assertCountsExact(String kind, String slug, long all, long visible) throws SQLException {
        long id = given().get("/v1/" + kind + "/" + slug).then().statusCode(200).extract().jsonPath().getLong("id");
        String links = kind.equals("guests") ? "episode_guests c where c.guest_id = " : "episode_topics c where c.topic_id = ";
        assertEquals(all, rowCount("select count(*) from " + links + id), "rows");
        assertEquals(visible, rowCount("select count(*) from " + links + id + " and episode_visible(c.status, c.published_at)"), "visible rows");
        assertEquals(visible, given().get("/v1/" + kind + "/" + slug).then().extract().jsonPath().getLong("episodeCount"), "anonymous count");
        assertEquals(all, Fixtures.admin().get("/v1/" + kind + "/" + slug).then().extract().jsonPath().getLong("episodeCount"), "keyed count");
        assertEquals(visible, given().queryParam("count", true).get("/v1/" + kind + "/" + slug + "/episodes").then().extract().jsonPath().getLong("total"));
        assertEquals(all, Fixtures.admin().queryParam("count", true).get("/v1/" + kind + "/" + slug + "/episodes").then().extract().jsonPath().getLong("total"));
    }

    /** Once folded (no delta left for it), the counter row itself holds the counts. */
    private void assertFolded(String kind, String slug) throws Exception {
        long id = given().get("/v1/" + kind + "s/" + slug).then().extract().jsonPath().getLong("id");
        Eventually.equal(0L, () -> rowCountUnchecked("select count(*) from episode_count_deltas where kind = '" + kind + "' and owner_id = " + id),
                "deltas of " + slug + " folded");
        String links = kind.equals("guest") ? "episode_guests c where c.guest_id = " : "episode_topics c where c.topic_id = ";
        assertEquals(rowCount("select count(*) from " + links + id),
                rowCount("select episodes from episode_counts where kind = '" + kind + "' and owner_id = " + id));
    }

    private long visibleCounter(String kind, String slug) {
        long id = given().get("/v1/" + kind + "s/" + slug).then().extract().jsonPath().getLong("id");
        return rowCountUnchecked("select visible from episode_counts where kind = '" + kind + "' and owner_id = " + id);
    }

    private long rowCountUnchecked(String sql) {
        try {
            return rowCount(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rowCount(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
