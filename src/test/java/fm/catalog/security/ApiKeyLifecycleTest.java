package fm.catalog.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Eventually;
import fm.catalog.support.Fixtures;
import fm.catalog.support.Parallel;
import fm.catalog.support.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Keys that expire and keys that are rotated, over real HTTP and the real database clock. The test
 * profile's rotation overlap is a few seconds (catalog.keys.rotation-overlap), so that the end of an
 * overlap can be waited for.
 */
@QuarkusTest
class ApiKeyLifecycleTest {

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "catalog.keys.rotation-overlap")
    Duration overlap;

    private static JsonPath newKey(Map<String, ?> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", Fixtures.unique("script"), "scopes", List.of("write:catalog")));
        body.putAll(extra);
        return Fixtures.admin().contentType(ContentType.JSON).body(body).post("/v1/api-keys").then().statusCode(201).extract().jsonPath();
    }

    private static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    /** An authenticated read: 200 while the key works, the 401 problem once it does not. */
    private static int statusAs(String secret) {
        return as(secret).get("/v1/shows").statusCode();
    }

    private static Response rotate(long id, String overlap) {
        RequestSpecification request = Fixtures.admin();
        if (overlap != null) {
            request = request.queryParam("overlap", overlap);
        }
        return request.post("/v1/api-keys/" + id + "/rotate");
    }

    private Instant dbNow() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select now()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private long count(String sql, Object parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** What ran since the last reset, to explain a count. */
    private List<String> statements() throws SQLException {
        List<String> ran = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select calls, query from pg_stat_statements where query not like '%pg_stat_statements%' "
                     + "and dbid = (select oid from pg_database where datname = current_database())")) {
            while (rs.next()) {
                ran.add(rs.getLong(1) + "x " + rs.getString(2));
            }
        }
        return ran;
    }

    /** Sleeps until the machine's clock (the embedded server's too) is past {@code instant}. */
    private static void waitUntilPast(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis() + 50;
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static Map<String, Object> listed(long id) {
        List<Map<String, Object>> items = Fixtures.admin().queryParam("limit", 100).get("/v1/api-keys").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(k -> ((Number) k.get("id")).longValue() == id).findFirst().orElseThrow();
    }

    @Test
    void shouldRefuseAnExpiresAtThatIsNotInTheFuture() throws SQLException {
        for (String past : List.of("2020-01-01T00:00:00Z", dbNow().minusSeconds(1).toString())) {
            String name = Fixtures.unique("late");
            Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", name, "scopes", List.of("write:catalog"), "expiresAt", past))
                    .post("/v1/api-keys").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("/expiresAt")).body("errors[0].message", startsWith("must be in the future"));
            assertEquals(0, count("select count(*) from api_keys where name = ?", name), "nothing written");
        }
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("write:catalog"), "expiresAt", "tomorrow"))
                .post("/v1/api-keys").then().statusCode(400).contentType("application/problem+json");
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("write:catalog"), "expiresAt", "+99999-01-01T00:00:00Z"))
                .post("/v1/api-keys").then().statusCode(400).body("errors[0].pointer", equalTo("/expiresAt"));
    }

    @Test
    void shouldStopAKeyAtItsExpiresAtWithA401Problem() throws Exception {
        Instant expiresAt = dbNow().plusSeconds(3);
        JsonPath key = newKey(Map.of("expiresAt", expiresAt.toString()));
        assertEquals(expiresAt, Instant.parse(key.getString("expiresAt")));
        assertEquals(expiresAt, Instant.parse((String) listed(key.getLong("id")).get("expiresAt")));
        String secret = key.getString("secret");
        assertEquals(200, statusAs(secret), "the key works until it expires");

        waitUntilPast(expiresAt);
        Eventually.equal(401, () -> statusAs(secret), "an expired key");
        as(secret).contentType(ContentType.JSON).body(Map.of("title", "Too late")).post("/v1/shows")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("detail", containsString("expired"));
        as(secret).get("/v1/shows").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        rotate(key.getLong("id"), null).then().statusCode(409).body("detail", containsString("expired"));
        // a key that never expires says so
        assertEquals(null, newKey(Map.of()).getString("expiresAt"));
    }

    @Test
    void shouldRotateKeepingTheOldSecretForTheConfiguredOverlap() throws Exception {
        JsonPath key = newKey(Map.of("scopes", List.of("write:catalog", "read:drafts")));
        long id = key.getLong("id");
        String old = key.getString("secret");
        JsonPath rotated = rotate(id, null).then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        String fresh = rotated.getString("secret");
        assertNotEquals(old, fresh);
        assertEquals(id, rotated.getLong("id"));
        assertEquals(key.getString("name"), rotated.getString("name"));
        assertEquals(key.getString("prefix"), rotated.getString("prefix"));
        assertTrue(fresh.startsWith(key.getString("prefix")), "the same key id");
        assertEquals(key.getList("scopes"), rotated.getList("scopes"));
        Map<String, Object> view = listed(id);
        Instant rotatedAt = Instant.parse((String) view.get("rotatedAt"));
        Instant oldUntil = Instant.parse(rotated.getString("previousSecretExpiresAt"));
        assertEquals(oldUntil, Instant.parse((String) view.get("previousSecretExpiresAt")));
        assertEquals(overlap, Duration.between(rotatedAt, oldUntil), "the configured overlap");
        assertFalse(view.containsKey("secret"));

        assertEquals(200, statusAs(fresh), "the new secret works at once");
        assertEquals(200, statusAs(old), "the old secret works during the overlap");
        waitUntilPast(oldUntil);
        Eventually.equal(401, () -> statusAs(old), "the old secret after the overlap");
        as(old).get("/v1/shows").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("detail", containsString("rotation"));
        assertEquals(200, statusAs(fresh), "the new secret still works");
        as(fresh).contentType(ContentType.JSON).body(Map.of("title", "Written after a rotation")).post("/v1/shows").then().statusCode(201);

        // once the overlap is over the key may be rotated again, and the secret before is then forgotten
        String third = rotate(id, null).then().statusCode(200).extract().path("secret");
        assertEquals(200, statusAs(third));
        assertEquals(200, statusAs(fresh));
        assertEquals(401, statusAs(old));
    }

    @Test
    void shouldHonourTheOverlapARotationAsksForWithinItsBounds() {
        long id = newKey(Map.of()).getLong("id");
        for (String bad : List.of("PT0S", "-PT1H", "P8D", "soon", "PT99999999999999999999H")) {
            rotate(id, bad).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].parameter", equalTo("overlap")).body("errors[0].message", containsString("at most PT168H"));
        }
        assertEquals(null, listed(id).get("rotatedAt"), "refused rotations write nothing");

        JsonPath rotated = rotate(id, "PT10M").then().statusCode(200).extract().jsonPath();
        Instant rotatedAt = Instant.parse((String) listed(id).get("rotatedAt"));
        assertEquals(Duration.ofMinutes(10), Duration.between(rotatedAt, Instant.parse(rotated.getString("previousSecretExpiresAt"))));
        // a second rotation during the overlap would end the old secret early
        rotate(id, null).then().statusCode(409).contentType("application/problem+json").body("detail", containsString("rotate again after"));

        rotate(999_999_999L, null).then().statusCode(404).contentType("application/problem+json");
        Fixtures.admin().post("/v1/api-keys/not-a-key/rotate").then().statusCode(404);
        given().post("/v1/api-keys/" + id + "/rotate").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        as(rotated.getString("secret")).post("/v1/api-keys/" + id + "/rotate").then().statusCode(403)
                .body("detail", containsString("admin:keys"));
    }

    @Test
    void shouldRevokeEverySecretOfARotatedKeyAtOnce() {
        JsonPath key = newKey(Map.of());
        String old = key.getString("secret");
        String fresh = rotate(key.getLong("id"), "PT1H").then().statusCode(200).extract().path("secret");
        assertEquals(200, statusAs(old));
        Fixtures.admin().delete("/v1/api-keys/" + key.getLong("id")).then().statusCode(204);
        assertEquals(401, statusAs(old));
        assertEquals(401, statusAs(fresh));
        rotate(key.getLong("id"), null).then().statusCode(409).body("detail", containsString("revoked"));
    }

    /** Rotations racing for one key: one wins, the others are told so; no secret handed out fails to work. */
    @Test
    void shouldLetExactlyOneOfParallelRotationsWin() throws Exception {
        JsonPath key = newKey(Map.of());
        long id = key.getLong("id");
        String original = key.getString("secret");
        List<Response> answers = Parallel.run(8, i -> rotate(id, "PT10M"));
        List<Response> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(1, won.size(), "exactly one rotation wins: " + answers.stream().map(Response::statusCode).toList());
        for (Response answer : answers) {
            if (answer.statusCode() != 200) {
                assertEquals(409, answer.statusCode());
                assertEquals("application/problem+json", answer.contentType());
                assertTrue(answer.jsonPath().getString("detail").contains("rotate again after"), answer.asString());
                assertFalse(answer.asString().contains("pc_"), "a refused rotation hands out no secret");
            }
        }
        assertEquals(200, statusAs(won.get(0).jsonPath().getString("secret")), "the winner's secret works");
        assertEquals(200, statusAs(original), "the secret it replaced works for the overlap");
        Map<String, Object> view = listed(id);
        assertEquals(won.get(0).jsonPath().getString("previousSecretExpiresAt"), view.get("previousSecretExpiresAt"));
    }

    @Test
    void shouldNeverKeepTheSecretOfARotationForAnIdempotentReplay() throws SQLException {
        JsonPath key = newKey(Map.of());
        long id = key.getLong("id");
        String idempotencyKey = UUID.randomUUID().toString();
        Response first = Fixtures.admin().header("Idempotency-Key", idempotencyKey).post("/v1/api-keys/" + id + "/rotate");
        first.then().statusCode(200).body("secret", startsWith("pc_"));
        String secret = first.jsonPath().getString("secret");
        Response retry = Fixtures.admin().header("Idempotency-Key", idempotencyKey).post("/v1/api-keys/" + id + "/rotate");
        retry.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals("", retry.asString(), "the secret is not replayed");
        assertEquals(0, count("select count(*) from idempotency_keys where convert_from(body, 'UTF8') like ?", "%" + secret.substring(15) + "%"));
        assertEquals(200, statusAs(secret), "the retry rotated nothing more");
        assertEquals(200, statusAs(key.getString("secret")));
    }

    /**
     * Authenticating a key costs one statement: the key by its unique key_id, read with the database
     * clock that expiry and overlaps are compared with. The same read with the bootstrap key (every
     * scope, and no row) shows what the request costs without it.
     */
    @Test
    void shouldAuthenticateAKeyInOneStatementByItsKeyId() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
        String show = Fixtures.show().getString("slug");
        String secret = newKey(Map.of("scopes", List.of("read:drafts", "write:catalog", "admin:keys"),
                "expiresAt", "2999-01-01T00:00:00Z")).getString("secret");
        as(secret).get("/v1/shows/" + show).then().statusCode(200); // records its first use, a write made once a minute at most
        Fixtures.admin().get("/v1/shows/" + show).then().statusCode(200);

        StatementCounts.reset(dataSource);
        Fixtures.admin().get("/v1/shows/" + show).then().statusCode(200);
        long bootstrap = StatementCounts.since(dataSource, null);
        StatementCounts.reset(dataSource);
        as(secret).get("/v1/shows/" + show).then().statusCode(200);
        long withKey = StatementCounts.since(dataSource, null);
        assertEquals(bootstrap + 1, withKey, "one statement to authenticate a key: " + statements());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select query from pg_stat_statements where query like '%api_keys%' and query not like '%pg_stat_statements%' "
                     + "and dbid = (select oid from pg_database where datname = current_database())")) {
            assertTrue(rs.next(), "the key was read");
            assertTrue(rs.getString(1).contains("key_id="), "by its key_id: " + rs.getString(1));
            assertFalse(rs.next(), "and nothing else of api_keys");
        }
    }
}
