package fm.catalog.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Access through Quarkus Security: the problems of refused calls, on every write the API has (taken
 * from its OpenAPI document, so a new operation is covered the day it appears), and the principal
 * that idempotency keys belong to.
 */
@QuarkusTest
class AccessControlTest {
    private static final String PROBLEMS = "https://podcast-catalog.dev/problems/";
    private static final String CHALLENGE = "Bearer realm=\"catalog\"";

    @Inject
    AgroalDataSource dataSource;

    private record Operation(String method, String path, String contentType) {
        boolean admin() {
            return path.startsWith("/v1/api-keys");
        }

        Response send(RequestSpecification request) {
            if (contentType != null) {
                request = request.contentType(contentType).body(contentType.contains("xml") ? "<rss version=\"2.0\"/>" : "{}");
            }
            return request.request(method, path.replaceAll("\\{[^}]+}", "anything"));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static JsonPath newKey(String... scopes) {
        return Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", Fixtures.unique("access"), "scopes", List.of(scopes)))
                .post("/v1/api-keys").then().statusCode(201).extract().jsonPath();
    }

    private static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    /** Every operation of the served document that is not a read, with a media type it accepts. */
    private static List<Operation> writes() {
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Operation> writes = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (List.of("post", "put", "patch", "delete").contains(method)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
                @SuppressWarnings("unchecked")
                String contentType = body == null ? null : ((Map<String, Object>) body.get("content")).keySet().iterator().next();
                writes.add(new Operation(method.toUpperCase(), path, contentType));
            }
        }));
        assertTrue(writes.size() >= 24, "writes found: " + writes);
        return writes;
    }

    private static void assertProblem(Response response, int status, String type, String detail, Operation operation) {
        assertEquals(status, response.statusCode(), operation + ": " + response.asString());
        assertEquals("application/problem+json", response.contentType(), operation.toString());
        assertEquals(PROBLEMS + type, response.jsonPath().getString("type"), operation.toString());
        assertEquals(status, response.jsonPath().getInt("status"), operation.toString());
        assertEquals(detail, response.jsonPath().getString("detail"), operation.toString());
        if (status == 401) {
            assertEquals(List.of(CHALLENGE), response.headers().getValues("WWW-Authenticate"), operation.toString());
        } else {
            assertEquals(List.of(), response.headers().getValues("WWW-Authenticate"), operation.toString());
        }
    }

    @Test
    void shouldRefuseEveryWriteWithoutKeyWith401() {
        for (Operation write : writes()) {
            String scope = write.admin() ? "admin:keys" : "write:catalog";
            assertProblem(write.send(given()), 401, "unauthorized", "This call needs an API key with the scope " + scope + ".", write);
        }
    }

    @Test
    void shouldRefuseEveryWriteToAKeyWithoutTheScopeWith403() {
        String reader = newKey("read:drafts").getString("secret");
        String writer = newKey("write:catalog").getString("secret");
        for (Operation write : writes()) {
            String scope = write.admin() ? "admin:keys" : "write:catalog";
            assertProblem(write.send(as(reader)), 403, "forbidden", "This API key lacks the scope " + scope + ".", write);
            if (write.admin()) {
                assertProblem(write.send(as(writer)), 403, "forbidden", "This API key lacks the scope admin:keys.", write);
            }
        }
    }

    @Test
    void shouldRefuseAnUnknownOrRevokedKeyOnReadsWith401() {
        JsonPath key = newKey("read:drafts");
        String secret = key.getString("secret");
        as(secret).get("/v1/shows").then().statusCode(200).header("Cache-Control", "private, no-store");
        Fixtures.admin().delete("/v1/api-keys/" + key.getLong("id")).then().statusCode(204);
        Operation read = new Operation("GET", "/v1/shows", null);
        for (String token : List.of(secret, "pc_unknownkey000secret", "not-a-key-at-all")) {
            assertProblem(read.send(as(token)), 401, "unauthorized", "The API key is unknown or revoked.", read);
        }
        assertProblem(new Operation("GET", "/v1/guests/anything", null).send(as(secret)), 401, "unauthorized",
                "The API key is unknown or revoked.", read);
        given().get("/v1/shows").then().statusCode(200);
    }

    @Test
    void shouldRefuseAMalformedAuthorizationHeaderWith401() {
        Operation read = new Operation("GET", "/v1/shows", null);
        for (String header : List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "pc_nobearer", "Token abc")) {
            assertProblem(read.send(given().header("Authorization", header)), 401, "unauthorized",
                    "Send the API key as 'Authorization: Bearer <key>'.", read);
        }
        Operation write = new Operation("POST", "/v1/shows", ContentType.JSON.toString());
        assertProblem(write.send(given().header("Authorization", "Basic dXNlcjpwYXNz")), 401, "unauthorized",
                "Send the API key as 'Authorization: Bearer <key>'.", write);
        // the scheme is case-insensitive (RFC 7235)
        given().header("Authorization", "bearer " + Fixtures.ADMIN_KEY).get("/v1/api-keys").then().statusCode(200);
    }

    @Test
    void shouldKeepIdempotencyKeysPerPrincipalAndNotForRefusedCalls() throws Exception {
        JsonPath key = newKey("write:catalog");
        String idempotencyKey = UUID.randomUUID().toString();
        as(key.getString("secret")).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(Map.of("title", Fixtures.unique("keyed"))).post("/v1/shows").then().statusCode(201);
        Fixtures.admin().header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(Map.of("title", Fixtures.unique("keyed"))).post("/v1/shows").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        assertEquals(List.of("bootstrap", "key:" + key.getLong("id")), principalsOf(idempotencyKey));

        String reader = newKey("read:drafts").getString("secret");
        String refused = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            as(reader).header("Idempotency-Key", refused).contentType(ContentType.JSON).body(Map.of("title", "x")).post("/v1/shows")
                    .then().statusCode(403).header("Idempotent-Replayed", nullValue());
        }
        assertEquals(List.of(), principalsOf(refused));
    }

    @Test
    void shouldShowDraftsToTheBootstrapKey() {
        String show = Fixtures.show().getString("slug");
        Fixtures.create("episodes", Map.of("show", show, "title", "Draft for the admin"));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].status", equalTo("draft"));
        given().get("/v1/shows/" + show + "/episodes").then().statusCode(200).body("items", hasSize(0));
    }

    private List<String> principalsOf(String idempotencyKey) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement("select principal from idempotency_keys where key = ? order by principal")) {
            query.setString(1, idempotencyKey);
            List<String> principals = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    principals.add(rows.getString(1));
                }
            }
            return principals;
        }
    }
}
