package fm.catalog.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.common.openapi.OpenApiContract;
import fm.catalog.common.problem.Problem;
import fm.catalog.support.Fixtures;
import fm.catalog.support.ResourceClasses;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
                        // pages and feeds answer errors their readers understand: an embed's problems are HTML pages
                        // (and JSON to a client that takes no HTML, for the problems made before the resource runs), a
                        // feed's XML alone
                        boolean embed = path.getKey().startsWith("/embed/");
                        String form = embed ? "text/html" : path.getKey().startsWith("/feeds/") ? "application/problem+xml" : "application/problem+json";
                        java.util.Set<String> allowed = embed ? java.util.Set.of(form, "application/problem+json") : java.util.Set.of(form);
                        if (content == null || !content.containsKey(form) || !allowed.containsAll(content.keySet())) {
                            missing.add(where + ": " + response.getKey() + " as " + form + ", not " + (content == null ? null : content.keySet()));
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
    @SuppressWarnings("unchecked")
    void shouldDocumentExamplesHeadersAndProblemsOnEveryOperation() {
        List<String> missing = new ArrayList<>();
        operations().forEach((where, operation) -> {
            if (operation.get("description") == null || ((String) operation.get("description")).isBlank()) missing.add(where + ": description");
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null) {
                ((Map<String, Map<String, Object>>) body.get("content")).forEach((media, content) -> {
                    if (content.get("example") == null && content.get("examples") == null) missing.add(where + ": example of " + media);
                });
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            for (String code : List.of("429", "503")) {
                if (!responses.containsKey(code) || !headers(responses.get(code)).containsKey("Retry-After")) {
                    missing.add(where + ": " + code + " with Retry-After");
                }
            }
            responses.forEach((code, response) -> {
                if (!headers(response).containsKey("X-Request-Id")) missing.add(where + ": X-Request-Id on " + code);
                // sent on every answer, problems included, but those the edge refuses before it counts (RequestLimits)
                boolean counted = !code.equals("414") && !code.equals("431");
                if (counted && !headers(response).keySet().containsAll(List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"))) {
                    missing.add(where + ": RateLimit-* on " + code);
                }
            });
            // a key is refused for any of these reasons, and a client author should know each
            String unauthorized = String.valueOf(responses.get("401").get("description"));
            for (String reason : List.of("unknown", "revoked", "expired", "rotation", "overlap")) {
                if (!unauthorized.contains(reason)) missing.add(where + ": 401 names a key " + reason);
            }
            boolean list = where.startsWith("GET /v1/") && responses.get("200") != null
                    && String.valueOf(responses.get("200").get("content")).contains("/Page");
            if (list && !headers(responses.get("200")).containsKey("Link")) missing.add(where + ": Link on 200");
        });
        assertTrue(missing.isEmpty(), "undocumented: " + missing);
    }

    /** The scope the document names for each operation is the one its resource method demands. */
    @Test
    @SuppressWarnings("unchecked")
    void shouldNameTheScopeEachOperationNeeds() throws Exception {
        Map<String, List<String>> demanded = new TreeMap<>();
        for (Class<?> resource : ResourceClasses.all()) {
            for (Method method : resource.getMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation == null) {
                    continue;
                }
                PermissionsAllowed allowed = method.isAnnotationPresent(PermissionsAllowed.class)
                        ? method.getAnnotation(PermissionsAllowed.class) : resource.getAnnotation(PermissionsAllowed.class);
                demanded.put(operation.operationId(), allowed == null ? List.of() : List.of(allowed.value()));
            }
        }
        Map<String, List<String>> documented = new TreeMap<>();
        operations().values().forEach(operation -> {
            List<String> scopes = (List<String>) operation.get(OpenApiContract.REQUIRED_SCOPES);
            documented.put((String) operation.get("operationId"), scopes == null ? List.of() : scopes);
            String description = (String) operation.get("description");
            if (scopes != null && scopes.stream().anyMatch(scope -> !description.contains("Access: a key with " + scope))) {
                documented.put((String) operation.get("operationId"), List.of("not in the description"));
            }
        });
        assertTrue(demanded.values().stream().anyMatch(scopes -> !scopes.isEmpty()), "the scan finds secured operations");
        assertEquals(demanded, documented);
    }

    /**
     * The examples tell one story (RequestExamples); sent in its order to this catalog as they stand in the
     * document, every one is accepted. What they create is removed afterwards.
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldAcceptEveryRequestBodyExampleAsItIs() {
        Map<String, Object> examples = new TreeMap<>();
        Map<String, String> mediaTypes = new TreeMap<>();
        operations().values().forEach(operation -> {
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null) {
                var first = ((Map<String, Map<String, Object>>) body.get("content")).entrySet().iterator().next();
                examples.put((String) operation.get("operationId"), first.getValue().get("example"));
                mediaTypes.put((String) operation.get("operationId"), first.getKey());
            }
        });
        Set<String> sent = new TreeSet<>();
        java.util.function.BiFunction<String, String, io.restassured.response.ValidatableResponse> send = (operationId, target) -> {
            sent.add(operationId);
            String[] call = target.split(" ", 2);
            return Fixtures.admin().contentType(mediaTypes.get(operationId)).body(examples.get(operationId) instanceof String text
                            ? text : toJson(examples.get(operationId)))
                    .request(call[0], call[1]).then().log().ifValidationFails();
        };
        try {
            send.apply("createShow", "POST /v1/shows").statusCode(201);
            send.apply("createGuest", "POST /v1/guests").statusCode(201);
            send.apply("createTopic", "POST /v1/topics").statusCode(201);
            send.apply("createEpisode", "POST /v1/episodes").statusCode(201)
                    .body("guests[0].slug", org.hamcrest.Matchers.equalTo("ada-mensah"), "topics[0].slug", org.hamcrest.Matchers.equalTo("observability"));
            send.apply("replaceShow", "PUT /v1/shows/signal-path").statusCode(200);
            send.apply("patchShow", "PATCH /v1/shows/signal-path").statusCode(200);
            send.apply("replaceGuest", "PUT /v1/guests/ada-mensah").statusCode(200);
            send.apply("patchGuest", "PATCH /v1/guests/ada-mensah").statusCode(200);
            send.apply("replaceTopic", "PUT /v1/topics/observability").statusCode(200);
            send.apply("patchTopic", "PATCH /v1/topics/observability").statusCode(200);
            send.apply("replaceEpisode", "PUT /v1/episodes/tracing-without-tears").statusCode(200);
            send.apply("patchEpisode", "PATCH /v1/episodes/tracing-without-tears").statusCode(200);
            // after the episode's PUT, which replaces the links it owns
            long link = send.apply("createLink", "POST /v1/links").statusCode(201).extract().jsonPath().getLong("id");
            send.apply("replaceLink", "PUT /v1/links/" + link).statusCode(200);
            send.apply("patchLink", "PATCH /v1/links/" + link).statusCode(200);
            long key = send.apply("createApiKey", "POST /v1/api-keys").statusCode(201).extract().jsonPath().getLong("id");
            Fixtures.admin().delete("/v1/api-keys/" + key).then().statusCode(204);
            send.apply("importEpisodes", "POST /v1/imports/episodes").statusCode(200).body("failed", org.hamcrest.Matchers.equalTo(0));
            send.apply("importRss", "POST /v1/imports/rss?show=signal-path").statusCode(200).body("failed", org.hamcrest.Matchers.equalTo(0));
        } finally {
            Fixtures.admin().delete("/v1/shows/signal-path?detach=true");
            for (String guest : List.of("ada-mensah", "ben-okafor")) Fixtures.admin().delete("/v1/guests/" + guest + "?detach=true");
            for (String topic : List.of("observability", "reliability")) Fixtures.admin().delete("/v1/topics/" + topic + "?detach=true");
        }
        assertEquals(examples.keySet(), sent, "every request body's example is sent");
    }

    /**
     * A DELETE answers no body, and a client generated from the document accepts only what its responses
     * declare there (application/problem+json): that must not make it a 406.
     */
    @Test
    void shouldDeleteForAClientThatAcceptsOnlyProblems() {
        String show = Fixtures.show().getString("slug");
        long episode = Fixtures.episode(show, Map.of()).getLong("id");
        long link = Fixtures.create("links", Map.of("kind", "blog", "url", "https://example.org/a", "episode", episode)).getLong("id");
        long key = Fixtures.create("api-keys", Map.of("name", Fixtures.unique("key"), "scopes", List.of("read:drafts"))).getLong("id");
        List<String> resources = List.of("/v1/links/" + link, "/v1/episodes/" + episode, "/v1/shows/" + show,
                "/v1/guests/" + Fixtures.guest("Only Problems").getLong("id"), "/v1/topics/" + Fixtures.topic("Only problems").getLong("id"),
                "/v1/api-keys/" + key);
        for (String resource : resources) {
            Fixtures.admin().accept(Problem.MEDIA_TYPE).delete(resource).then().statusCode(204);
        }
        Fixtures.admin().accept(Problem.MEDIA_TYPE).delete("/v1/episodes/" + episode).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        Fixtures.admin().accept("text/csv").delete("/v1/shows/" + show).then().statusCode(406);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (!method.equals("parameters")) {
                operations.put(method.toUpperCase() + " " + path, operation);
            }
        }));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headers(Map<String, Object> response) {
        Object headers = response == null ? null : response.get("headers");
        return headers == null ? Map.of() : (Map<String, Object>) headers;
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
