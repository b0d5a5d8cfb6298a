package fm.catalog.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is complete enough to generate clients from, and the copy in the repo is current. */
@QuarkusTest
class OpenApiContractTest {

    static final Path SNAPSHOT = Path.of("openapi", "openapi.yaml");

    @Test
    void shouldKeepTheRepositoryCopyCurrent() throws IOException {
        String served = given().get("/q/openapi").then().statusCode(200).extract().asString();
        String kept = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT, StandardCharsets.UTF_8) : "";
        if (!served.equals(kept)) {
            Path fresh = Path.of("target", "openapi.yaml");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, served, StandardCharsets.UTF_8);
            throw new AssertionError("openapi/openapi.yaml is stale; the served document is in " + fresh
                    + ". Review the difference, then: cp target/openapi.yaml openapi/openapi.yaml");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeEveryOperationCompletely() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Set<String> operationIds = new HashSet<>();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = op.getValue();
                if (operation.get("operationId") == null || !operationIds.add((String) operation.get("operationId"))) {
                    missing.add(where + ": unique operationId");
                }
                if (operation.get("summary") == null) missing.add(where + ": summary");
                if (operation.get("tags") == null || ((List<?>) operation.get("tags")).isEmpty()) missing.add(where + ": tag");
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) missing.add(where + ": success response");
                for (var response : responses.entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        Map<String, Object> content = (Map<String, Object>) response.getValue().get("content");
                        // pages and feeds answer errors their readers understand: an embed's 404 is HTML, a feed's problems XML
                        boolean ownMediaType = content != null && (path.getKey().startsWith("/embed/") && content.containsKey("text/html")
                                || path.getKey().startsWith("/feeds/") && content.containsKey("application/problem+xml"));
                        if (content == null || !(content.containsKey("application/problem+json") || ownMediaType)) {
                            missing.add(where + ": problem schema for " + response.getKey());
                        }
                    }
                }
                if (path.getKey().contains("{") && !responses.containsKey("404")) missing.add(where + ": 404");
                if (List.of("put", "patch", "delete").contains(op.getKey()) && !responses.containsKey("412")) missing.add(where + ": 412");
                if (List.of("post", "put", "patch").contains(op.getKey()) && !responses.containsKey("400")) missing.add(where + ": 400");
            }
        }
        assertTrue(missing.isEmpty(), "incomplete operations: " + missing);
        // 5 collections x 6 (list, create, get, put, patch, delete), 3 scoped episode lists, 2 link lists,
        // chapters.json, 4 for API keys (with the rotation), 2 imports, 2 embeds, oEmbed and the feed: a new endpoint changes this number on purpose
        assertEquals(46, operations, "operations");
        for (String schema : List.of("Episode", "EpisodeInput", "Show", "Guest", "Topic", "Link", "Problem")) {
            List<String> required = doc.getList("components.schemas." + schema + ".required");
            assertFalse(required == null || required.isEmpty(), schema + " lists its required fields");
        }
        assertTrue(doc.getList("components.schemas.EpisodeInput.required").containsAll(List.of("show", "title")));
        assertEquals(null, (Object) doc.get("components.schemas.EpisodePatch.required"), "a merge patch requires nothing");
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
