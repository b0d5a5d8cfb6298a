package fm.catalog.common.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Eventually;
import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every statement runs under catalog.db.statement-timeout. Here it is 1 s, below the lock_timeout
 * (10 s), so that a real request made slow by a lock this test holds meets the deadline first: a
 * read, a write and the feed (plain JDBC) each end as a 503 problem with Retry-After, write nothing,
 * and give their connection back; the same requests succeed once the lock is gone, and the change
 * listener and the count folding go on working. (With the shipped values, 15 s and 10 s, a wait for
 * a lock is a 409 busy: ParallelImportsAndWritesTest.)
 */
@QuarkusTest
@TestProfile(StatementDeadlineTest.ShortDeadline.class)
class StatementDeadlineTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.db.statement-timeout", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).header("Retry-After", "5");
    }

    @Test
    void shouldGiveEveryPooledConnectionTheDeadline() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                held.add(dataSource.getConnection());
            }
            for (Connection c : held) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show statement_timeout")) {
                    rs.next();
                    assertEquals("1s", rs.getString(1), "a pooled connection (Flyway's were closed after it migrated)");
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void shouldStopRequestsThatRunPastTheDeadlineWith503AndServeThemOnceTheyCanRun() throws Exception {
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of());
        String path = "/v1/episodes/" + episode.getString("id");
        String key = UUID.randomUUID().toString();
        Map<String, Object> created = Map.of("show", show, "title", "Posted under the deadline", "status", "published");
        try (Connection holder = dataSource.getConnection(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            // every read of episodes waits for this lock; the deadline ends the wait first
            s.execute("set local statement_timeout = 0");
            s.execute("lock table episodes in access exclusive mode");

            unavailable(given().get(path).then().contentType("application/problem+json")
                    .body("type", endsWith("/problems/unavailable")).body("status", equalTo(503)));
            unavailable(Fixtures.admin().get("/v1/episodes?show=" + show).then().contentType("application/problem+json"));
            unavailable(Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Too late"))
                    .patch(path).then().contentType("application/problem+json").body("type", endsWith("/problems/unavailable")));
            unavailable(Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(created)
                    .post("/v1/episodes").then().contentType("application/problem+json"));
            // the feed reads over plain JDBC (FeedRows); its problems are XML
            unavailable(given().get("/feeds/" + show + ".xml").then().contentType("application/problem+xml"));
            holder.rollback();
        }

        // nothing was written, and the same requests now succeed: the 503 released the Idempotency-Key
        JsonPath after = Fixtures.admin().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(episode.getString("title"), after.getString("title"));
        assertEquals(episode.getLong("version"), after.getLong("version"));
        Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(created).post("/v1/episodes")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        given().get("/feeds/" + show + ".xml").then().statusCode(200);

        // the change listener listens again: a change made straight in the database reaches cached reads
        given().get(path).then().statusCode(200);
        given().get(path).then().statusCode(200);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update episodes set title = 'Changed in the database' where id = " + episode.getLong("id"));
        }
        Eventually.equal("Changed in the database", () -> given().get(path).then().statusCode(200).extract().path("title"), "a cached read");

        // and the counts are folded: the guest with an episode comes first by -episodeCount
        String word = "zd" + Fixtures.unique("c").replace("-", "");
        JsonPath busy = Fixtures.guest("Busy " + word);
        JsonPath idle = Fixtures.guest("Idle " + word);
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(busy.getString("slug"), "guest"))));
        Eventually.equal(List.of(busy.getInt("id"), idle.getInt("id")),
                () -> given().queryParam("q", word).queryParam("sort", "-episodeCount").get("/v1/guests")
                        .then().statusCode(200).extract().<List<Integer>>path("items.id"), "guests by count");
    }
}
