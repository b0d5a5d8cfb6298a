package fm.catalog.common.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Metrics;
import fm.catalog.support.Parallel;
import fm.catalog.support.SecondInstance;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged application on one database, as behind a load balancer: what one
 * writes the other serves within a second, though both cache; an Idempotency-Key replayed on the
 * other is recognised, and so is the same one sent to both at once (one writes, the other replays or
 * is told to retry); of two conditional updates with the same ETag, one on each, exactly one wins.
 */
@QuarkusIntegrationTest
class TwoInstancesIT {

    private static SecondInstance other;

    @BeforeAll
    static void startTheOther() throws Exception {
        other = SecondInstance.start();
    }

    @AfterAll
    static void stopTheOther() throws Exception {
        other.close();
    }

    private static RequestSpecification onOther() {
        return given().baseUri("http://localhost").port(other.port());
    }

    private static double hits(RequestSpecification instance) {
        return Metrics.sample(instance, "catalog_cache_requests_total{result=\"hit\"").orElse(0);
    }

    /** Reads {@code path} on an instance until its answer comes from that instance's cache. */
    private static void cachedOn(RequestSpecification instance, java.util.function.Supplier<RequestSpecification> again, String path) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            double before = hits(again.get());
            again.get().get(path).then().statusCode(200);
            if (hits(again.get()) > before) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "never cached on " + instance);
            Thread.sleep(100);
        }
    }

    private static long millisUntil(java.util.function.Supplier<RequestSpecification> instance, String path, Predicate<Response> fresh)
            throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            Response response = instance.get().get(path);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (fresh.test(response)) {
                return elapsed;
            }
            assertTrue(elapsed < 1000, path + " still stale after " + elapsed + " ms");
            Thread.sleep(10);
        }
    }

    private static void retitle(RequestSpecification instance, String path, String title) {
        instance.header("Authorization", "Bearer " + Fixtures.ADMIN_KEY).contentType("application/merge-patch+json")
                .body(Map.of("title", title)).patch(path).then().statusCode(200);
    }

    @Test
    void shouldServeWhatOneInstanceWroteOnTheOtherWithinASecond() throws Exception {
        String show = Fixtures.show().getString("slug");
        String path = "/v1/episodes/" + Fixtures.episode(show, Map.of()).getString("slug");
        cachedOn(onOther(), TwoInstancesIT::onOther, path);
        cachedOn(given(), () -> given(), path);

        retitle(given(), path, "Written on the first");
        assertEquals("Written on the first", given().get(path).then().extract().path("title"), "at once where it was written");
        long toOther = millisUntil(TwoInstancesIT::onOther, path, r -> "Written on the first".equals(r.path("title")));

        cachedOn(given(), () -> given(), path);
        retitle(onOther(), path, "Written on the second");
        assertEquals("Written on the second", onOther().get(path).then().extract().path("title"));
        long toFirst = millisUntil(() -> given(), path, r -> "Written on the second".equals(r.path("title")));
        System.out.println("a write reached the other instance after " + toOther + " ms and " + toFirst + " ms");
    }

    @Test
    void shouldRecogniseAnIdempotentPostReplayedOnTheOtherInstance() {
        String show = Fixtures.show().getString("slug");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("show", show, "title", "Posted once", "status", "published");
        Response first = Fixtures.admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/episodes");
        first.then().statusCode(201);
        Response replay = onOther().header("Authorization", "Bearer " + Fixtures.ADMIN_KEY).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/v1/episodes");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.path("id").toString(), replay.path("id").toString());
        assertEquals(1, given().queryParam("show", show).get("/v1/episodes").then().extract().<List<Object>>path("items").size());
    }

    @Test
    void shouldWriteOnceWhenTheSameIdempotentPostReachesBothInstancesAtOnce() throws Exception {
        String show = Fixtures.show().getString("slug");
        for (int round = 0; round < 10; round++) {
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = Map.of("show", show, "title", "Raced " + round, "status", "published");
            List<Response> answers = Parallel.run(2, i -> (i == 0 ? given() : onOther())
                    .header("Authorization", "Bearer " + Fixtures.ADMIN_KEY).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(body).post("/v1/episodes"));
            List<Response> written = answers.stream().filter(r -> r.statusCode() == 201 && r.header("Idempotent-Replayed") == null).toList();
            assertEquals(1, written.size(), "round " + round + ": exactly one wrote, " + answers.stream().map(Response::statusLine).toList());
            Response other = answers.get(answers.get(0) == written.get(0) ? 1 : 0);
            if (other.statusCode() == 201) {
                // it came after the first had finished: a replay of its answer
                assertEquals("true", other.header("Idempotent-Replayed"), "round " + round);
                assertEquals(written.get(0).path("id").toString(), other.path("id").toString(), "round " + round);
            } else {
                // it came while the first was running on the other instance: a 409 to send again
                assertEquals(409, other.statusCode(), "round " + round + ": " + other.asString());
                Response again = (answers.get(0) == other ? given() : onOther()).header("Authorization", "Bearer " + Fixtures.ADMIN_KEY)
                        .header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/episodes");
                again.then().statusCode(201).header("Idempotent-Replayed", "true");
                assertEquals(written.get(0).path("id").toString(), again.path("id").toString(), "round " + round);
            }
            assertEquals(round + 1, Fixtures.admin().queryParam("show", show).queryParam("limit", 100).get("/v1/episodes")
                    .then().extract().<List<Object>>path("items").size(), "episodes after round " + round);
        }
    }

    @Test
    void shouldLetExactlyOneOfTwoConditionalUpdatesWinAcrossInstances() throws Exception {
        String show = Fixtures.show().getString("slug");
        for (int round = 0; round < 10; round++) {
            String path = "/v1/episodes/" + Fixtures.episode(show, Map.of()).getString("slug");
            String etag = Fixtures.admin().get(path).then().statusCode(200).extract().header("ETag");
            List<Integer> statuses = Parallel.run(2, i -> (i == 0 ? given() : onOther())
                    .header("Authorization", "Bearer " + Fixtures.ADMIN_KEY).header("If-Match", etag)
                    .contentType("application/merge-patch+json").body(Map.of("title", "Winner " + i))
                    .patch(path).statusCode());
            assertEquals(List.of(200, 412), statuses.stream().sorted().toList(), "round " + round);
        }
    }
}
