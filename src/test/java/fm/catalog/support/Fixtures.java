package fm.catalog.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Arranges data through the public API, as a client would. Every name carries a fresh suffix so
 * that tests never depend on each other or on what other tests left behind.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The bootstrap key the tests' application holds (see TestKeysResource): every scope. */
    public static final String ADMIN_KEY = "test-bootstrap-admin-key";

    /** A request from a script holding the admin key. Plain given() is an anonymous reader. */
    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static JsonPath create(String collection, Map<String, ?> body) {
        return admin().contentType(ContentType.JSON).body(body)
                .when().post("/v1/" + collection)
                .then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath show() {
        String slug = unique("show");
        return create("shows", Map.of("slug", slug, "title", "Show " + slug));
    }

    public static JsonPath guest(String name) {
        return create("guests", Map.of("slug", unique("guest"), "name", name, "headline", "Headline of " + name));
    }

    public static JsonPath topic(String name) {
        return create("topics", Map.of("slug", unique("topic"), "name", name));
    }

    /** A published episode of the show with the given extra fields. */
    public static JsonPath episode(String showSlug, Map<String, ?> fields) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "show", showSlug, "title", "Episode " + unique("t"), "status", "published",
                "publishedAt", "2024-03-01T10:00:00Z"));
        body.putAll(fields);
        return create("episodes", body);
    }

    /** A published episode of the show with that guest (as a guest) and topic, and the given extra fields. */
    public static JsonPath episodeOf(String showSlug, String guestSlug, String topicSlug, Map<String, ?> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("guests", List.of(credit(guestSlug, "guest")));
        body.put("topics", List.of(topicSlug));
        return episode(showSlug, body);
    }

    public static Map<String, Object> credit(String ref, String role) {
        return Map.of("ref", ref, "role", role);
    }

    public static List<Map<String, Object>> chapters(String... titles) {
        return java.util.Arrays.stream(titles).map(t -> Map.<String, Object>of("title", t)).toList();
    }
}
