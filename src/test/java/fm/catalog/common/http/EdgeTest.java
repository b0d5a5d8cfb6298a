package fm.catalog.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.support.Fixtures;
import fm.catalog.support.Metrics;
import fm.catalog.support.XmlProblem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every answer carries at the HTTP edge: X-Request-Id (given or made, on hits, problems and
 * /q/* alike, and in the access log), problems for over-long URIs and headers, and the headers
 * browsers may read.
 */
@QuarkusTest
class EdgeTest {
    private static final Pattern MADE = Pattern.compile("[0-9a-f]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String idOf(ExtractableResponse<Response> response) {
        List<String> ids = response.headers().getValues(RequestIds.HEADER);
        assertEquals(1, ids.size(), "one X-Request-Id: " + ids);
        return ids.get(0);
    }

    private static String madeId(ExtractableResponse<Response> response) {
        String id = idOf(response);
        assertTrue(MADE.matcher(id).matches(), "a made id: " + id);
        return id;
    }

    @Test
    void shouldMakeARequestIdForEveryAnswerHitsAndProblemsIncluded() {
        String show = Fixtures.show().getString("slug");
        double hits = Metrics.sample("catalog_cache_requests_total{result=\"hit\"");
        String miss = madeId(given().get("/v1/shows/" + show).then().statusCode(200).extract());
        String hit = madeId(given().get("/v1/shows/" + show).then().statusCode(200).extract());
        assertEquals(hits + 1, Metrics.sample("catalog_cache_requests_total{result=\"hit\""), "the second read was a hit");
        assertNotEquals(miss, hit, "a hit gets its own id, not the one kept with the answer");
        String etag = given().get("/v1/shows/" + show).then().extract().header("ETag");
        madeId(given().header("If-None-Match", etag).get("/v1/shows/" + show).then().statusCode(304).extract());

        Map<String, Supplier<ExtractableResponse<Response>>> answers = Map.ofEntries(
                Map.entry("unknown path", () -> given().get("/nothing/here").then().statusCode(404).extract()),
                Map.entry("unknown ref", () -> given().get("/v1/shows/no-such-show-here").then().statusCode(404).extract()),
                Map.entry("wrong method", () -> Fixtures.admin().delete("/v1/shows").then().statusCode(405).extract()),
                Map.entry("bad key", () -> given().header("Authorization", "Bearer nope").get("/v1/shows").then().statusCode(401).extract()),
                Map.entry("NUL", () -> given().urlEncodingEnabled(false).get("/v1/shows?q=a%00b").then().statusCode(400).extract()),
                Map.entry("too large", () -> Fixtures.admin().contentType(ContentType.JSON)
                        .body("{\"title\": \"" + "x".repeat(1100 * 1024) + "\"}").post("/v1/shows").then().statusCode(413).extract()),
                Map.entry("invalid", () -> Fixtures.admin().contentType(ContentType.JSON).body("{\"title\": 1").post("/v1/shows")
                        .then().statusCode(400).extract()),
                Map.entry("health", () -> given().get("/q/health/live").then().statusCode(200).extract()),
                Map.entry("metrics", () -> given().get("/q/metrics").then().statusCode(200).extract()),
                Map.entry("openapi", () -> given().get("/q/openapi").then().statusCode(200).extract()));
        answers.forEach((what, answer) -> {
            ExtractableResponse<Response> response = answer.get();
            assertTrue(MADE.matcher(String.valueOf(response.header(RequestIds.HEADER))).matches(),
                    what + " (" + response.statusCode() + ") has a made X-Request-Id: " + response.header(RequestIds.HEADER));
        });
    }

    @Test
    void shouldKeepAUsableRequestIdAndReplaceOthers() {
        String given = "edge-" + UUID.randomUUID();
        assertEquals(given, idOf(given().header(RequestIds.HEADER, given).get("/v1/shows").then().statusCode(200).extract()));
        assertEquals(given, idOf(given().header(RequestIds.HEADER, given).get("/nothing/here").then().statusCode(404).extract()));
        String longest = "x".repeat(128);
        assertEquals(longest, idOf(given().header(RequestIds.HEADER, longest).get("/v1/shows").then().extract()));
        for (String unusable : List.of("x".repeat(129), "two words", "tab\there", "caf\u00e9", "")) {
            madeId(given().header(RequestIds.HEADER, unusable).get("/v1/shows").then().statusCode(200).extract());
        }
    }

    /** The access log's lines are JSON, as in production: the request id in the message and in the MDC. */
    @Test
    void shouldWriteTheRequestIdIntoTheAccessLog() throws Exception {
        String given = "access-" + UUID.randomUUID();
        given().header(RequestIds.HEADER, given).get("/v1/topics?limit=3").then().statusCode(200);
        String made = madeId(given().get("/nothing/here/" + given).then().statusCode(404).extract());
        JsonNode byGiven = null;
        JsonNode byMade = null;
        for (long deadline = System.nanoTime() + 10_000_000_000L; (byGiven == null || byMade == null) && System.nanoTime() < deadline;
                Thread.sleep(100)) {
            byGiven = accessLine(given);
            byMade = accessLine(made);
        }
        assertTrue(byGiven != null && byMade != null, "access log lines of " + given + " and " + made);
        assertTrue(byGiven.path("message").asText().matches("127\\.0\\.0\\.1 \"GET /v1/topics\\?limit=3 HTTP/1\\.1\" 200 \\d+ [\\d.]+ ms id=" + given),
                byGiven.toString());
        assertEquals(given, byGiven.path("mdc").path("requestId").asText());
        assertEquals("fm.catalog.access", byGiven.path("loggerName").asText());
        assertTrue(byMade.path("message").asText().contains("\"GET /nothing/here/" + given + " HTTP/1.1\" 404"), byMade.toString());
        assertEquals(made, byMade.path("mdc").path("requestId").asText());
    }

    private static JsonNode accessLine(String id) throws IOException {
        Path log = Path.of("target", "test-access.log");
        if (!Files.exists(log)) {
            return null;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("{") && line.contains("id=" + id + "\"")) {
                return JSON.readTree(line);
            }
        }
        return null;
    }

    @Test
    void shouldAnswerOverLongUrisWith414Problem() throws Exception {
        // Vert.x's own limit would have refused 4,096 characters with a bare 414
        given().queryParam("x", "a".repeat(8000)).get("/q/health/live").then().statusCode(200);
        ExtractableResponse<Response> refused = given().queryParam("x", "a".repeat(8200)).get("/q/health/live").then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414))
                .body("type", containsString("uri-too-long")).body("detail", containsString("8192")).extract();
        madeId(refused);
        // the same for writes, before authentication or the body is read
        Fixtures.admin().contentType(ContentType.JSON).body("{}").queryParam("x", "a".repeat(9000)).post("/v1/shows")
                .then().statusCode(414).contentType("application/problem+json");
        // a feed reader gets it in XML, as the feed's other problems
        Map<String, String> xml = XmlProblem.of(given().queryParam("x", "a".repeat(8200)).get("/feeds/some-show.xml").then()
                .statusCode(414).extract());
        assertTrue(xml.get("type").endsWith("/problems/uri-too-long"), xml.toString());
        assertTrue(xml.get("detail").contains("8192"), xml.toString());
        assertEquals("/feeds/some-show.xml", xml.get("instance"));
    }

    @Test
    void shouldAnswerOverLargeHeadersWith431Problem() throws Exception {
        // under our 16 KiB; over it; and over the 20 KiB that Vert.x would have answered with a bare 431 by default
        withHeaderOf(15_000).get("/v1/shows").then().statusCode(200);
        ExtractableResponse<Response> refused = withHeaderOf(17_000).get("/v1/shows").then().statusCode(431)
                .contentType("application/problem+json").body("status", equalTo(431))
                .body("type", containsString("headers-too-large")).extract();
        madeId(refused);
        withHeaderOf(30_000).get("/v1/shows").then().statusCode(431).contentType("application/problem+json");
        // many small headers count together
        RequestSpecification many = given();
        for (int i = 0; i < 200; i++) {
            many = many.header("X-Filler-" + i, "y".repeat(100));
        }
        many.get("/v1/shows").then().statusCode(431).contentType("application/problem+json");
        // a feed reader gets it in XML, as the feed's other problems
        Map<String, String> xml = XmlProblem.of(withHeaderOf(17_000).get("/feeds/some-show.xml").then().statusCode(431).extract());
        assertTrue(xml.get("type").endsWith("/problems/headers-too-large"), xml.toString());
    }

    private static RequestSpecification withHeaderOf(int bytes) {
        return given().header("X-Filler", "z".repeat(bytes));
    }

    @Test
    void shouldLetBrowsersReadTheRequestIdAndRateLimitHeaders() {
        String exposed = given().header("Origin", "https://partner.example.com").get("/v1/shows").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*").extract().header("Access-Control-Expose-Headers");
        List<String> names = List.of(exposed.split(",\\s*"));
        for (String header : List.of("X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "ETag")) {
            assertTrue(names.contains(header), header + " in " + exposed);
        }
        // a problem answered before any resource is readable cross-origin too
        given().header("Origin", "https://partner.example.com").queryParam("x", "a".repeat(9000)).get("/v1/guests")
                .then().statusCode(414).header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }
}
