package fm.catalog.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CORS (reads from anywhere, writes from configured origins) and request body limits. */
@QuarkusTest
class CrossOriginAndLimitsTest {
    @TestHTTPResource("/")
    URL base;

    static final String PARTNER = "https://partner.example.com";
    static final String ADMIN_UI = "https://admin.example.org";

    @Test
    void shouldLetAnyOriginRead() {
        given().header("Origin", PARTNER).header("Access-Control-Request-Method", "GET").options("/v1/episodes")
                .then().statusCode(204).header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", containsString("GET"));
        given().header("Origin", PARTNER).get("/v1/shows").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*").header("Access-Control-Expose-Headers", containsString("ETag"));
        // a cached public read must not serve one origin's answer to another, nor an answer without an Origin to one
        for (var request : List.of(given().header("Origin", PARTNER), given())) {
            List<String> vary = request.get("/v1/shows").then().statusCode(200).extract().headers().getValues("Vary");
            assertTrue(String.join(",", vary).contains("Origin"), "Vary: " + vary);
        }
    }

    @Test
    void shouldLetOnlyConfiguredOriginsWrite() {
        given().header("Origin", PARTNER).header("Access-Control-Request-Method", "POST").options("/v1/shows")
                .then().statusCode(204).header("Access-Control-Allow-Origin", nullValue()).header("Vary", containsString("Origin"));
        given().header("Origin", ADMIN_UI).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").options("/v1/shows")
                .then().statusCode(204).header("Access-Control-Allow-Origin", ADMIN_UI)
                .header("Access-Control-Allow-Headers", containsString("Authorization")).header("Vary", containsString("Origin"));
        Fixtures.admin().header("Origin", PARTNER).contentType(ContentType.JSON).body(Map.of("title", "From a partner page"))
                .post("/v1/shows").then().statusCode(403).contentType("application/problem+json");
        Fixtures.admin().header("Origin", ADMIN_UI).contentType(ContentType.JSON).body(Map.of("title", "From the admin UI"))
                .post("/v1/shows").then().statusCode(201).header("Access-Control-Allow-Origin", ADMIN_UI)
                .header("Vary", containsString("Origin"));
    }

    @Test
    void shouldRefuseBodiesOverOneMebibyteWith413Problem() throws Exception {
        String big = "{\"title\": \"" + "x".repeat(1024 * 1024) + "\"}";
        Fixtures.admin().contentType(ContentType.JSON).body(big).post("/v1/shows")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        // without Content-Length (chunked transfer), the body is counted as it is read
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "v1/shows"))
                .header("Authorization", "Bearer " + Fixtures.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(""));
        given().get("/v1/shows?limit=1").then().statusCode(200);
    }

    @Test
    void shouldRefuseImportsOverTwentyMebibytesWith413Problem() {
        byte[] huge = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        Fixtures.admin().contentType(ContentType.JSON).body(huge).post("/v1/imports/episodes")
                .then().statusCode(413).contentType("application/problem+json");
    }
}
