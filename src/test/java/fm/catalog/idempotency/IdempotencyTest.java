package fm.catalog.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    @Inject
    AgroalDataSource dataSource;

    private static Response post(String key, String collection, Map<String, ?> body) {
        return Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/" + collection);
    }

    @Test
    void shouldReplayTheFirstAnswerAndWriteNothing() {
        String key = UUID.randomUUID().toString();
        String title = "Retried " + Fixtures.unique("s");
        Response first = post(key, "shows", Map.of("title", title));
        first.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        Response retry = post(key, "shows", Map.of("title", title));
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"));
        assertEquals(first.asString(), retry.asString());
        String slug = first.jsonPath().getString("slug");
        given().get("/v1/shows/" + slug + "-2").then().statusCode(404);
    }

    @Test
    void shouldNeverKeepTheSecretOfANewApiKey() throws Exception {
        String key = UUID.randomUUID().toString();
        Response first = post(key, "api-keys", Map.of("name", "retried " + key, "scopes", List.of("write:catalog")));
        first.then().statusCode(201);
        String secret = first.jsonPath().getString("secret");
        Response retry = post(key, "api-keys", Map.of("name", "retried " + key, "scopes", List.of("write:catalog")));
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", first.header("Location"));
        assertEquals("", retry.asString());
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement("select count(*) from idempotency_keys where convert_from(body, 'UTF8') like ?")) {
            query.setString(1, "%" + secret.substring(secret.length() - 16) + "%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1), "a stored answer holds the secret");
            }
        }
        // the retry made no second key: counted by this test's own name, not on the first page of every key
        assertEquals(1, scalar("select count(*) from api_keys where name = ?", "retried " + key));
    }

    @Test
    void shouldLetARetryTakeOverAClaimAbandonedMidRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("title", "Abandoned " + key);
        post(key, "shows", body).then().statusCode(201);
        // as if the instance had died while running it: still in flight, and for longer than the lease
        setInFlight(key, "now()");
        post(key, "shows", body).then().statusCode(409);
        setInFlight(key, "now() - interval '10 minutes'");
        post(key, "shows", body).then().statusCode(201).header("Idempotent-Replayed", (String) null);
        post(key, "shows", body).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    private void setInFlight(String key, String since) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update idempotency_keys set state = 'in_flight', status = null, body = null, created_at = " + since + " where key = ?")) {
            update.setString(1, key);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBody() {
        String key = UUID.randomUUID().toString();
        post(key, "shows", Map.of("title", "One body")).then().statusCode(201);
        post(key, "shows", Map.of("title", "Another body")).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString(key));
        Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("name", "One body"))
                .post("/v1/guests").then().statusCode(422);
    }

    @Test
    void shouldKeepKeysPerApiKey() {
        String key = UUID.randomUUID().toString();
        String secret = Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "other script", "scopes", List.of("write:catalog")))
                .post("/v1/api-keys").then().extract().path("secret");
        Response mine = post(key, "shows", Map.of("title", "Shared key"));
        Response theirs = given().header("Authorization", "Bearer " + secret).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("title", "Shared key")).post("/v1/shows");
        theirs.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertNotEquals(mine.jsonPath().getLong("id"), theirs.jsonPath().getLong("id"));
    }

    @Test
    void shouldReplayRefusalsToo() {
        String key = UUID.randomUUID().toString();
        post(key, "shows", Map.of("title", "")).then().statusCode(400);
        post(key, "shows", Map.of("title", "")).then().statusCode(400).header("Idempotent-Replayed", "true")
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/title"));
    }

    @Test
    void shouldAnswer409WhileTheFirstRequestIsStillRunning() throws Exception {
        String slug = Fixtures.unique("busy");
        String key = UUID.randomUUID().toString();
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            // an uncommitted guest with the same slug makes the first request wait on the unique index
            try (PreparedStatement insert = blocker.prepareStatement("insert into guests (slug, name, created_at, updated_at, version) "
                    + "values (?, 'Blocker', now(), now(), 0)")) {
                insert.setString(1, slug);
                insert.executeUpdate();
            }
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> post(key, "guests", Map.of("slug", slug, "name", "First")));
            awaitClaim(key);
            post(key, "guests", Map.of("slug", slug, "name", "First")).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("still being processed"));
            blocker.rollback();
            first.get(30, TimeUnit.SECONDS).then().statusCode(201);
        }
        post(key, "guests", Map.of("slug", slug, "name", "First")).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void shouldKeepKeysForADayAndPruneThemAfter() throws Exception {
        String key = UUID.randomUUID().toString();
        post(key, "topics", Map.of("name", "Kept")).then().statusCode(201);
        assertTrue(scalar("select extract(epoch from expires_at - now()) from idempotency_keys where key = ?", key) >= 24 * 3600 - 60,
                "kept at least 24 hours");
        execute("update idempotency_keys set expires_at = now() - interval '1 second' where key = ?", key);
        post(UUID.randomUUID().toString(), "topics", Map.of("name", "Another")).then().statusCode(201);
        assertEquals(0, scalar("select count(*) from idempotency_keys where key = ?", key), "expired keys are pruned");
        // a forgotten key is free again
        post(key, "topics", Map.of("name", "Something else")).then().statusCode(201).header("Idempotent-Replayed", (String) null);
    }

    private double scalar(String sql, String key) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, key);
            var rs = q.executeQuery();
            rs.next();
            return rs.getDouble(1);
        }
    }

    private void execute(String sql, String key) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, key);
            q.executeUpdate();
        }
    }

    private void awaitClaim(String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement q = c.prepareStatement("select count(*) from idempotency_keys where key = ? and state = 'in_flight'")) {
                q.setString(1, key);
                var rs = q.executeQuery();
                rs.next();
                if (rs.getInt(1) == 1) {
                    Thread.sleep(200);
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the first request never claimed the key");
    }
}
