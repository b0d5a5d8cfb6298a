package fm.catalog.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.common.http.IdempotentWrite;
import fm.catalog.support.Fixtures;
import fm.catalog.support.ResourceClasses;
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
    void shouldHonourIdempotencyKeysOnEveryPost() throws Exception {
        int posts = 0;
        for (Class<?> resource : ResourceClasses.all()) {
            for (java.lang.reflect.Method method : resource.getDeclaredMethods()) {
                if (method.isAnnotationPresent(jakarta.ws.rs.POST.class)) {
                    posts++;
                    assertTrue(method.isAnnotationPresent(IdempotentWrite.class), resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertEquals(9, posts, "the POSTs of shows, episodes, guests, topics, links, api-keys, the rotation of a key and the two imports");
    }

    /** The SHA-256 IdempotencyFilter keys a request by: method, path, query and body. */
    private static String requestHash(String path, String body) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(("POST " + path + "?null\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest.digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private double showsTitled(String title) throws Exception {
        return scalar("select count(*) from shows where title = ?", title);
    }

    @Test
    void shouldLetARetryTakeOverAtOnceWhenTheFirstRequestsSessionIsGone() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "Claimed by a dead request " + key;
        String body = "{\"title\":\"" + title + "\"}";
        // the claim of a first request that never committed its write, as its process left it
        execute("insert into idempotency_keys (principal, key, request_hash, state, claim_token, created_at, expires_at) "
                + "values ('bootstrap', ?, '" + requestHash("/v1/shows", body) + "', 'in_flight', gen_random_uuid(), "
                + "now() - interval '1 minute', now() + interval '1 day')", key);
        try (Connection firstRequest = dataSource.getConnection()) {
            // while its session lives, it holds the row (as the write's transaction does): a retry waits its turn
            firstRequest.setAutoCommit(false);
            try (PreparedStatement lock = firstRequest.prepareStatement("select 1 from idempotency_keys where key = ? for update")) {
                lock.setString(1, key);
                lock.executeQuery().close();
            }
            Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/shows")
                    .then().statusCode(409).body("detail", containsString("still being processed"));
            firstRequest.rollback();
        }
        // the session is gone: the very next retry runs, once
        Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/shows")
                .then().statusCode(201).header("Idempotent-Replayed", (String) null);
        Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/shows")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(1, showsTitled(title), "written exactly once");
    }

    @Test
    void shouldNotTakeOverAFreshClaimBeforeItsRequestLocksIt() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"Fresh claim " + key + "\"}";
        execute("insert into idempotency_keys (principal, key, request_hash, state, claim_token, created_at, expires_at) "
                + "values ('bootstrap', ?, '" + requestHash("/v1/shows", body) + "', 'in_flight', gen_random_uuid(), now(), now() + interval '1 day')", key);
        Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/shows").then().statusCode(409);
    }

    @Test
    void shouldWriteTheAnswerInTheSameTransactionAsTheWrite() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "Unrecorded " + key;
        execute("create or replace function test_fail_record() returns trigger language plpgsql as $$ begin "
                + "if new.key = '" + key + "' and new.state = 'done' then raise exception 'the record cannot be written'; end if; "
                + "return new; end $$", null);
        execute("create trigger test_fail_record before update on idempotency_keys for each row execute function test_fail_record()", null);
        try {
            post(key, "shows", Map.of("title", title)).then().statusCode(500).contentType("application/problem+json");
        } finally {
            execute("drop trigger test_fail_record on idempotency_keys", null);
        }
        assertEquals(0, showsTitled(title), "the write went with its record");
        assertEquals(0, scalar("select count(*) from idempotency_keys where key = ?", key), "the claim is released");
        post(key, "shows", Map.of("title", title)).then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertEquals(1, showsTitled(title));
    }

    @Test
    void shouldReleaseTheClaimAndKeepNothingWhenTheWriteFailsOnOurSide() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "Server fault " + key;
        execute("create or replace function test_fail_guest() returns trigger language plpgsql as $$ begin "
                + "if new.name = '" + name + "' then raise exception 'a fault of ours'; end if; return new; end $$", null);
        execute("create trigger test_fail_guest before insert on guests for each row execute function test_fail_guest()", null);
        try {
            post(key, "guests", Map.of("name", name)).then().statusCode(500);
        } finally {
            execute("drop trigger test_fail_guest on guests", null);
        }
        assertEquals(0, scalar("select count(*) from guests where name = ?", name));
        assertEquals(0, scalar("select count(*) from idempotency_keys where key = ?", key), "a retry may run it again");
        post(key, "guests", Map.of("name", name)).then().statusCode(201).header("Idempotent-Replayed", (String) null);
    }

    @Test
    void shouldReplayADryRunImport() {
        String key = UUID.randomUUID().toString();
        String show = Fixtures.show().getString("slug");
        Map<String, Object> body = Map.of("show", show, "dryRun", true, "episodes", List.of(Map.of("guid", "dry-1", "title", "Dry")));
        Response first = post(key, "imports/episodes", body);
        first.then().statusCode(200).body("created", equalTo(1));
        Response retry = post(key, "imports/episodes", body);
        retry.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), retry.asString());
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items.size()", equalTo(0));
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
            if (key != null) q.setString(1, key);
            var rs = q.executeQuery();
            rs.next();
            return rs.getDouble(1);
        }
    }

    private void execute(String sql, String key) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            if (key != null) q.setString(1, key);
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
