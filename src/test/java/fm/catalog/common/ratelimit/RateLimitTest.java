package fm.catalog.common.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Parallel;
import fm.catalog.support.XmlProblem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Rate limits with small buckets that refill slowly (one request a minute), so that a test's
 * requests see the bucket as the burst left it. Every request here comes from 127.0.0.1: the
 * anonymous bucket is drained by one test only; the other uses keys, each with a bucket of its own.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
public class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.rate-limit.enabled", "true",
                    "catalog.rate-limit.anonymous.per-minute", "1", "catalog.rate-limit.anonymous.burst", "10",
                    "catalog.rate-limit.key.per-minute", "1", "catalog.rate-limit.key.burst", "20");
        }
    }

    private static void assertRefused(ExtractableResponse<Response> response, String limit) {
        assertEquals(429, response.statusCode(), response.body().asString());
        assertEquals("application/problem+json", response.contentType());
        assertEquals(429, response.jsonPath().getInt("status"));
        assertTrue(response.jsonPath().getString("type").endsWith("/too-many-requests"));
        assertEquals(limit, response.header("RateLimit-Limit"));
        assertEquals("0", response.header("RateLimit-Remaining"));
        int retryAfter = Integer.parseInt(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(Integer.parseInt(response.header("RateLimit-Reset")) >= retryAfter);
        assertTrue(response.header("X-Request-Id") != null);
    }

    /** The remaining counts of the 200s, and checks the headers of every answer. */
    private static Set<Integer> remaining(List<ExtractableResponse<Response>> answers, String limit) {
        Set<Integer> remaining = new TreeSet<>();
        for (ExtractableResponse<Response> answer : answers) {
            if (answer.statusCode() == 429) {
                assertRefused(answer, limit);
            } else {
                assertEquals(limit, answer.header("RateLimit-Limit"));
                assertTrue(Integer.parseInt(answer.header("RateLimit-Reset")) >= 1);
                assertNull(answer.header("Retry-After"));
                assertTrue(remaining.add(Integer.parseInt(answer.header("RateLimit-Remaining"))), "each token once");
            }
        }
        return remaining;
    }

    private static Map<Integer, Long> statuses(List<ExtractableResponse<Response>> answers) {
        return answers.stream().collect(Collectors.groupingBy(ExtractableResponse::statusCode, Collectors.counting()));
    }

    @Test
    void shouldLetAnAnonymousClientMakeItsBurstAtOnceThenRefuseWith429() throws Exception {
        // cache hits and misses alike (the first reads of /v1/shows miss, the others hit), and 404s too
        List<ExtractableResponse<Response>> answers = Parallel.run(30, 10,
                i -> given().get(i % 5 == 0 ? "/v1/shows/no-such-show" : "/v1/shows").then().extract());
        Map<Integer, Long> statuses = statuses(answers);
        assertEquals(20, statuses.get(429), "refused: " + statuses);
        assertEquals(10, statuses.getOrDefault(200, 0L) + statuses.getOrDefault(404, 0L), "let through: " + statuses);
        assertEquals(IntStream.range(0, 10).boxed().collect(Collectors.toSet()), remaining(answers, "10"));
        // a write is refused before its key is looked at: nothing is written
        given().contentType(ContentType.JSON).body("{\"title\": \"x\"}").post("/v1/shows").then().statusCode(429);
        // operations are never limited, and say nothing of limits
        given().get("/q/health/live").then().statusCode(200).header("RateLimit-Limit", (String) null);
        given().get("/q/metrics").then().statusCode(200);
        // a browser may read the refusal
        given().header("Origin", "https://partner.example.com").get("/v1/shows").then().statusCode(429)
                .header("Access-Control-Allow-Origin", "*").header("Access-Control-Expose-Headers", containsString("Retry-After"));

        // a feed reader is refused in XML, as by the feed's other problems
        ExtractableResponse<Response> feed = given().get("/feeds/some-show.xml").then().extract();
        assertEquals(429, feed.statusCode());
        Map<String, String> xml = XmlProblem.of(feed);
        assertTrue(xml.get("type").endsWith("/too-many-requests"), xml.toString());
        assertTrue(Integer.parseInt(feed.header("Retry-After")) >= 1);
        assertEquals("0", feed.header("RateLimit-Remaining"));
    }

    @Test
    void shouldGiveEachKeyItsOwnBucket() throws Exception {
        String first = newKey();
        String second = newKey();
        List<ExtractableResponse<Response>> answers = Parallel.run(30, 10,
                i -> given().header("Authorization", "Bearer " + first).get("/v1/topics").then().extract());
        Map<Integer, Long> statuses = statuses(answers);
        assertEquals(Map.of(200, 20L, 429, 10L), statuses);
        assertEquals(IntStream.range(0, 20).boxed().collect(Collectors.toSet()), remaining(answers, "20"));
        // the other key, and the same key however its scheme is spelt, are each one bucket
        given().header("Authorization", "Bearer " + second).get("/v1/topics").then().statusCode(200)
                .header("RateLimit-Limit", "20").header("RateLimit-Remaining", "19");
        given().header("Authorization", "bearer  " + first).get("/v1/topics").then().statusCode(429);

        // guessing keys: every wrong one is a 401 and costs the address, until its keyed requests wait too
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", "Bearer guess-" + UUID.randomUUID()).get("/v1/topics").then().statusCode(401);
        }
        assertRefused(given().header("Authorization", "Bearer guess-" + UUID.randomUUID()).get("/v1/topics").then().extract(), "10");
        assertRefused(given().header("Authorization", "Bearer " + second).get("/v1/topics").then().extract(), "10");
    }

    private static String newKey() {
        return Fixtures.admin().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("limited"), "scopes", List.of("read:drafts")))
                .post("/v1/api-keys").then().statusCode(201).extract().jsonPath().getString("secret");
    }
}
