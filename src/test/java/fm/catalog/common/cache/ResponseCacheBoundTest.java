package fm.catalog.common.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache holds at most its configured size in bytes, however long the descriptions. */
@QuarkusTest
@TestProfile(ResponseCacheBoundTest.SmallCache.class)
class ResponseCacheBoundTest {

    static final long MAX_BYTES = 64 * 1024;

    public static class SmallCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.cache.max-size", "64K");
        }
    }

    @Inject
    ResponseCache cache;

    @Test
    void shouldEvictByBytesHeld() throws Exception {
        String show = Fixtures.show().getString("slug");
        String description = "A long description of the episode, as real show notes are. ".repeat(80);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            var episode = Fixtures.episode(show, Map.of("description", description + i));
            paths.add("/v1/episodes/" + episode.getString("slug"));
            paths.add("/v1/episodes/" + episode.getString("id"));
        }
        Thread.sleep(1000); // the notices of those writes have arrived: nothing empties the cache from here on
        double before = Metrics.sample("cache_evictions_total{cache=\"responses\"");
        for (String path : paths) {
            given().get(path).then().statusCode(200);
            assertTrue(cache.weight() <= MAX_BYTES, "holds " + cache.weight() + " bytes");
        }
        // 60 answers of about 5 KB each cannot fit in 64 KiB
        assertTrue(Metrics.sample("cache_evictions_total{cache=\"responses\"") > before, "nothing was evicted");
        assertTrue(cache.weight() > MAX_BYTES / 2, "it keeps what fits: " + cache.weight());
    }
}
