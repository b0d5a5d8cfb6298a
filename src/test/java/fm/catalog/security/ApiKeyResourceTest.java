package fm.catalog.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyResourceTest {

    @Inject
    EntityManager em;

    private static JsonPath newKey(String... scopes) {
        return Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", Fixtures.unique("script"), "scopes", List.of(scopes)))
                .post("/v1/api-keys").then().statusCode(201)
                .body("secret", startsWith("pc_")).body("prefix", notNullValue())
                .extract().jsonPath();
    }

    private static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    @Test
    void shouldRefuseWritesWithoutKeyWith401Challenge() {
        given().contentType(ContentType.JSON).body(Map.of("title", "x")).post("/v1/shows")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401));
        given().delete("/v1/shows/anything").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        as("pc_unknownkey000secret").contentType(ContentType.JSON).body(Map.of("title", "x")).post("/v1/shows")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").contentType(ContentType.JSON).body(Map.of("title", "x"))
                .post("/v1/shows").then().statusCode(401);
        given().get("/v1/shows").then().statusCode(200);
    }

    @Test
    void shouldCreateKeyShowSecretOnceAndStoreOnlyItsHash() {
        JsonPath key = newKey("write:catalog");
        String secret = key.getString("secret");
        as(secret).contentType(ContentType.JSON).body(Map.of("title", "Written by a script")).post("/v1/shows").then().statusCode(201);
        List<Map<String, Object>> listed = Fixtures.admin().queryParam("limit", 100).get("/v1/api-keys").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Map<String, Object> mine = listed.stream().filter(k -> k.get("id").equals(key.getInt("id"))).findFirst().orElseThrow();
        assertFalse(mine.containsKey("secret"));
        assertEquals(key.getString("prefix"), mine.get("prefix"));
        assertNotEquals(null, mine.get("lastUsedAt"), "use is recorded");
        String stored = (String) em.createNativeQuery("select secret_hash from api_keys where id = :id")
                .setParameter("id", key.getLong("id")).getSingleResult();
        assertFalse(secret.contains(stored) || stored.contains(secret.substring(15)), "only a hash is stored");
        assertEquals(64, stored.length());
    }

    @Test
    void shouldRefuseMissingScopeWith403() {
        String drafts = newKey("read:drafts").getString("secret");
        as(drafts).contentType(ContentType.JSON).body(Map.of("title", "x")).post("/v1/shows")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("write:catalog"));
        String writer = newKey("write:catalog").getString("secret");
        as(writer).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("write:catalog"))).post("/v1/api-keys")
                .then().statusCode(403);
        as(writer).get("/v1/api-keys").then().statusCode(403);
        given().get("/v1/api-keys").then().statusCode(401);
    }

    @Test
    void shouldRevokeAtOnce() {
        JsonPath key = newKey("write:catalog");
        String secret = key.getString("secret");
        as(secret).contentType(ContentType.JSON).body(Map.of("title", "Before revoking")).post("/v1/shows").then().statusCode(201);
        Fixtures.admin().delete("/v1/api-keys/" + key.getLong("id")).then().statusCode(204);
        as(secret).contentType(ContentType.JSON).body(Map.of("title", "After revoking")).post("/v1/shows").then().statusCode(401);
        as(secret).get("/v1/shows").then().statusCode(401);
        Fixtures.admin().delete("/v1/api-keys/999999999").then().statusCode(404);
    }

    @Test
    void shouldRefuseUnknownScopes() {
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("root"))).post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/scopes/0"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of())).post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/scopes"));
    }

    @Test
    void shouldShowDraftsOnlyToKeysWithReadDrafts() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Drafted").getString("slug");
        JsonPath draft = Fixtures.create("episodes", Map.of("show", show, "title", "Not yet", "guests", List.of(Fixtures.credit(guest, "guest")),
                "links", List.of(Map.of("kind", "blog", "url", "https://example.org/secret-plan"))));
        JsonPath scheduled = Fixtures.episode(show, Map.of("status", "scheduled", "publishedAt", "2999-01-01T00:00:00Z"));
        JsonPath live = Fixtures.episode(show, Map.of());
        given().get("/v1/episodes/" + draft.getString("slug")).then().statusCode(404);
        given().get("/v1/episodes/" + scheduled.getString("slug")).then().statusCode(404);
        given().get("/v1/episodes/" + live.getString("slug")).then().statusCode(200)
                .header("Cache-Control", startsWith("public"));
        given().get("/v1/shows/" + show + "/episodes").then().body("items.id", equalTo(List.of(live.getInt("id"))));
        given().get("/v1/guests/" + guest).then().body("episodeCount", equalTo(0));
        given().get("/v1/links/" + draft.getString("links[0].slug")).then().statusCode(404);
        given().queryParam("episode", draft.getString("slug")).get("/v1/links").then().statusCode(400);
        given().get("/v1/episodes/" + draft.getString("slug") + "/links").then().statusCode(404);

        String reader = newKey("read:drafts").getString("secret");
        as(reader).get("/v1/episodes/" + draft.getString("slug")).then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        as(reader).get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(3));
        as(reader).get("/v1/guests/" + guest).then().body("episodeCount", equalTo(1));
        String writerOnly = newKey("write:catalog").getString("secret");
        as(writerOnly).get("/v1/episodes/" + draft.getString("slug")).then().statusCode(404);
        as(writerOnly).get("/v1/shows/" + show).then().header("Cache-Control", "private, no-store");
    }
}
