package fm.catalog.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Parallel;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Imports racing single writes on the same episodes: nobody deadlocks, nothing answers 5xx or a 409
 * (no write here conflicts with another: all are unconditional), and every episode ends as one
 * write's whole state: its title, summary, chapters, links, guests and topics all from one import or
 * one PUT, or, after a PATCH of its title, the rest from one of them.
 */
@QuarkusTest
class ParallelImportsAndWritesTest {
    static final int EPISODES = 50;
    static final int IMPORTS = 6;
    static final int PUTS = 100;
    static final int PATCHES = 90;
    static final int DELETES = 10;

    @Inject
    AgroalDataSource dataSource;

    /** The state a write with this marker gives episode {@code i}, as a write body. */
    private static Map<String, Object> state(String show, int i, String marker, List<String> guests, List<String> topics) {
        int pick = Math.floorMod(marker.hashCode(), guests.size());
        Map<String, Object> body = new HashMap<>();
        body.put("guid", "ep-" + i);
        body.put("title", "E" + i + " " + marker);
        body.put("summary", marker);
        body.put("status", "published");
        body.put("publishedAt", "2024-05-01T10:00:00Z");
        body.put("chapters", List.of(Map.of("title", marker + " a", "startTime", 0), Map.of("title", marker + " b", "startTime", 60)));
        body.put("links", List.of(Map.of("kind", "blog", "url", "https://example.org/" + marker + "/a"),
                Map.of("kind", "video", "url", "https://example.org/" + marker + "/b")));
        body.put("guests", List.of(Map.of("ref", guests.get(pick), "role", "guest")));
        body.put("topics", List.of(topics.get(pick)));
        return body;
    }

    private static Response importAll(String show, String marker, List<String> guests, List<String> topics) {
        List<Map<String, Object>> episodes = IntStream.range(0, EPISODES).mapToObj(i -> state(show, i, marker, guests, topics)).toList();
        return Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", episodes)).post("/v1/imports/episodes");
    }

    private long deadlocks() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select deadlocks from pg_stat_database where datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void shouldRefuseAWriteThatWaitsTooLongForALockAsBusyAndRetryable() throws Exception {
        JsonPath episode = Fixtures.episode(Fixtures.show().getString("slug"), Map.of());
        String id = episode.getString("id");
        long version = episode.getLong("version");
        try (Connection holder = dataSource.getConnection(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("select 1 from episodes where id = " + Long.parseLong(id) + " for update");
            // the datasource's lock_timeout (10 s) runs out while the row is held
            Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Waited")).patch("/v1/episodes/" + id)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("/problems/busy")).header("Retry-After", "1");
            holder.rollback();
        }
        JsonPath after = new JsonPath(Fixtures.admin().get("/v1/episodes/" + id).asString());
        assertEquals(version, after.getLong("version"), "the refused write changed nothing");
        assertTrue(after.getString("title").startsWith("Episode "));
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Sent again")).patch("/v1/episodes/" + id)
                .then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo((int) version + 1));
    }

    @Test
    void shouldNeitherDeadlockNorMixTwoWritesIntoOneEpisode() throws Exception {
        String show = Fixtures.show().getString("slug");
        List<String> guests = IntStream.range(0, 5).mapToObj(i -> Fixtures.guest("Racer " + i).getString("slug")).toList();
        List<String> topics = IntStream.range(0, 5).mapToObj(i -> Fixtures.topic("Race topic " + i).getString("slug")).toList();
        importAll(show, "init", guests, topics).then().statusCode(200);
        Map<Integer, Long> ids = new TreeMap<>();
        for (int i = 0; i < EPISODES; i++) {
            ids.put(i, Fixtures.admin().queryParam("guid", "ep-" + i).get("/v1/shows/" + show + "/episodes").then().extract().jsonPath().getLong("items[0].id"));
        }
        long deadlocksBefore = deadlocks();

        int operations = IMPORTS + PUTS + PATCHES + DELETES;
        List<Response> answers = Parallel.run(operations, 16, n -> {
            if (n % 34 == 0 && n / 34 < IMPORTS) {
                return importAll(show, "i" + n, guests, topics);
            }
            int i = n % EPISODES;
            if (n % 20 == 7 && i >= EPISODES - DELETES * 2) {
                return Fixtures.admin().delete("/v1/episodes/" + ids.get(i));
            }
            if (n % 2 == 0) {
                Map<String, Object> body = state(show, i, "p" + n, guests, topics);
                body.put("show", show);
                return Fixtures.admin().contentType(ContentType.JSON).body(body).put("/v1/episodes/" + ids.get(i));
            }
            return Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "E" + i + " m" + n))
                    .patch("/v1/episodes/" + ids.get(i));
        });

        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(r -> statuses.merge(r.statusCode(), 1, Integer::sum));
        List<String> unexpected = new ArrayList<>();
        for (Response r : answers) {
            int s = r.statusCode();
            if (s >= 500 || s == 409 || s == 412 || s == 400) {
                unexpected.add(s + " " + r.asString());
            }
        }
        System.out.println("ParallelImportsAndWritesTest: " + answers.size() + " operations, statuses " + statuses);
        assertTrue(answers.size() >= 200, "at least 200 operations");
        assertEquals(List.of(), unexpected, "statuses " + statuses);
        assertTrue(statuses.getOrDefault(204, 0) > 0 && statuses.getOrDefault(200, 0) > 150, "the mix ran: " + statuses);

        for (int i = 0; i < EPISODES; i++) {
            JsonPath page = Fixtures.admin().queryParam("guid", "ep-" + i).get("/v1/shows/" + show + "/episodes").then().extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                continue; // deleted after the last import that wrote it
            }
            JsonPath e = new JsonPath(Fixtures.admin().get("/v1/episodes/" + page.getLong("items[0].id")).asString());
            String titleMarker = e.getString("title").substring(("E" + i + " ").length());
            String marker = e.getString("summary");
            Map<String, Object> expected = state(show, i, marker, guests, topics);
            assertTrue(titleMarker.equals(marker) || titleMarker.startsWith("m"), "title from the same write, or a patch: " + e.prettify());
            assertEquals(List.of(marker + " a", marker + " b"), e.getList("chapters.title"), "chapters of " + marker);
            assertEquals(List.of("https://example.org/" + marker + "/a", "https://example.org/" + marker + "/b"), e.getList("links.url"));
            assertEquals(List.of(((Map<?, ?>) ((List<?>) expected.get("guests")).get(0)).get("ref")), e.getList("guests.slug"));
            assertEquals(expected.get("topics"), e.getList("topics.slug"));
        }
        // backends report their counters when idle, at most ten seconds later
        Thread.sleep(11_000);
        assertEquals(deadlocksBefore, deadlocks(), "no deadlock in PostgreSQL");
    }
}
