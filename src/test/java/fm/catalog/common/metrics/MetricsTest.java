package fm.catalog.common.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** /q/metrics as a Prometheus scraper reads it: each family an operator needs, with its labels. */
@QuarkusTest
class MetricsTest {

    private static List<String> scrape() {
        return given().accept(ContentType.TEXT).get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** The samples of a family whose labels include every one given. */
    private static List<String> samples(List<String> scrape, String name, String... labels) {
        return scrape.stream().filter(l -> l.startsWith(name + "{")).filter(l -> {
            for (String label : labels) {
                if (!l.contains(label)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    private static double value(String sample) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    private static double sum(List<String> samples) {
        return samples.stream().mapToDouble(MetricsTest::value).sum();
    }

    @Test
    void shouldCountRequestsPerEndpointAndStatusWithLatencyBuckets() {
        String show = Fixtures.show().getString("slug");
        String template = "uri=\"/v1/shows/{ref}\"";
        double before = sum(samples(scrape(), "http_server_requests_seconds_count", template, "status=\"200\"", "method=\"GET\""));
        given().get("/v1/shows/" + show).then().statusCode(200);
        given().get("/v1/shows/" + show).then().statusCode(200); // a hit of the response cache: tagged like the miss
        given().get("/v1/shows/no-such-show-" + show).then().statusCode(404);
        List<String> scrape = scrape();
        assertEquals(before + 2, sum(samples(scrape, "http_server_requests_seconds_count", template, "status=\"200\"", "method=\"GET\"")));
        assertTrue(sum(samples(scrape, "http_server_requests_seconds_count", template, "status=\"404\"")) >= 1, "404s by template");
        List<String> buckets = samples(scrape, "http_server_requests_seconds_bucket", template, "status=\"200\"");
        Map<String, Double> byBound = buckets.stream().collect(Collectors.toMap(
                l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1"), MetricsTest::value, Double::sum));
        for (String bound : List.of("0.001", "0.01", "0.1", "1.0", "10.0", "+Inf")) {
            assertTrue(byBound.containsKey(bound), "bucket le=" + bound + " in " + byBound.keySet());
        }
        assertEquals(sum(samples(scrape, "http_server_requests_seconds_count", template, "status=\"200\"")), byBound.get("+Inf"));
        assertTrue(byBound.get("0.001") <= byBound.get("0.1") && byBound.get("0.1") <= byBound.get("+Inf"), "cumulative: " + byBound);
        // raw paths never become labels: one series per template
        assertTrue(scrape.stream().noneMatch(l -> l.contains("uri=\"/v1/shows/" + show)), "a raw path as a label");
    }

    /** Whatever a client sends, the series stay the ones the API defines: no raw path, method or /q/* label. */
    @Test
    void shouldNotLetClientsMintSeries() {
        String unknown = "/v1/no-such-collection-" + Fixtures.unique("m");
        given().get(unknown).then().statusCode(404);
        given().request("PROPFIND", "/v1/shows").then().statusCode(405);
        given().get("/q/health/live").then().statusCode(200);
        List<String> scrape = scrape();
        List<String> counts = samples(scrape, "http_server_requests_seconds_count");
        assertTrue(counts.stream().noneMatch(l -> l.contains(unknown)), "a raw path as a label");
        assertTrue(counts.stream().anyMatch(l -> l.contains("uri=\"NOT_FOUND\"") && l.contains("status=\"404\"")), "unknown paths: " + counts);
        assertTrue(counts.stream().noneMatch(l -> l.contains("PROPFIND")), "a method of the client's as a label");
        assertTrue(counts.stream().anyMatch(l -> l.contains("method=\"OTHER\"") && l.contains("status=\"405\"")), "other methods: " + counts);
        assertTrue(counts.stream().noneMatch(l -> l.contains("uri=\"/q/")), "/q/* is not counted: " + counts);
    }

    @Test
    void shouldReportTheConnectionPool() {
        given().get("/v1/episodes?limit=1").then().statusCode(200);
        List<String> scrape = scrape();
        for (String family : List.of("agroal_active_count", "agroal_available_count", "agroal_max_used_count", "agroal_awaiting_count")) {
            List<String> samples = samples(scrape, family, "datasource=\"default\"");
            assertEquals(1, samples.size(), family + ": " + samples);
        }
        assertTrue(value(samples(scrape, "agroal_max_used_count", "datasource=\"default\"").get(0)) >= 1, "a connection was used");
    }

    @Test
    void shouldCountImports() {
        String show = Fixtures.show().getString("slug");
        List<String> before = scrape();
        double written = sum(samples(before, "catalog_imports_total", "source=\"json\"", "outcome=\"written\""));
        double dryRuns = sum(samples(before, "catalog_imports_total", "source=\"json\"", "outcome=\"dry-run\""));
        double created = sum(samples(before, "catalog_import_episodes_total", "result=\"created\""));
        List<Map<String, Object>> items = List.of(
                Map.of("guid", "m-1", "title", "One", "status", "published", "publishedAt", "2024-05-01T08:00:00Z"),
                Map.of("guid", "m-2", "title", "Two", "status", "published", "publishedAt", "2024-05-02T08:00:00Z"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items, "dryRun", true))
                .post("/v1/imports/episodes").then().statusCode(200);
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items))
                .post("/v1/imports/episodes").then().statusCode(200);
        List<String> after = scrape();
        assertEquals(written + 1, sum(samples(after, "catalog_imports_total", "source=\"json\"", "outcome=\"written\"")));
        assertEquals(dryRuns + 1, sum(samples(after, "catalog_imports_total", "source=\"json\"", "outcome=\"dry-run\"")));
        assertEquals(created + 2, sum(samples(after, "catalog_import_episodes_total", "result=\"created\"")),
                "the dry run's episodes are not counted");
    }
}
