package fm.catalog.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A guest's and a topic's episodes (read from the link rows that copy their episodes' keys, V9) page
 * correctly by every sort, both directions, through ties, for anonymous and keyed readers; and they
 * follow their episodes when those change.
 */
@QuarkusTest
class ScopedEpisodeListsTest {
    private static final List<String> SORTS = List.of("-publishedAt", "publishedAt", "number", "-number", "title", "-updatedAt");

    @Test
    void shouldPageAGuestsAndATopicsEpisodesByEverySort() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Scoped guest").getString("slug");
        String topic = Fixtures.topic("Scoped topic").getString("slug");
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        Set<Integer> visible = new java.util.HashSet<>();
        Set<Integer> all = new java.util.HashSet<>();
        for (int i = 0; i < 9; i++) {
            Map<String, Object> fields = new HashMap<>(Map.of("title", "Scoped " + (i % 3), "guests", List.of(Fixtures.credit(guest, "guest")),
                    "topics", List.of(topic), "publishedAt", i % 2 == 0 ? "2024-01-01T00:00:00Z" : "2024-02-0" + (i % 4 + 1) + "T00:00:00Z"));
            if (i % 4 != 3) fields.put("number", i % 3);
            // ties in every key; a draft and a scheduled episode not due yet, which anonymous readers never see
            if (i == 7) fields.putAll(Map.of("status", "draft"));
            if (i == 8) fields.putAll(Map.of("status", "scheduled", "publishedAt", future));
            int id = Fixtures.episode(show, fields).getInt("id");
            all.add(id);
            if (i < 7) visible.add(id);
        }
        // an episode of another guest and topic, which neither list shows
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(Fixtures.guest("Other").getString("slug"), "guest"))));
        for (String path : List.of("/v1/guests/" + guest + "/episodes", "/v1/topics/" + topic + "/episodes")) {
            for (String sort : SORTS) {
                walk(RestAssured::given, path, sort, visible);
                walk(Fixtures::admin, path, sort, all);
            }
        }
    }

    @Test
    void shouldFollowEpisodesWhoseKeysChange() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Following guest").getString("slug");
        JsonPath a = Fixtures.episode(show, Map.of("title", "Alpha", "number", 1, "guests", List.of(Fixtures.credit(guest, "guest"))));
        JsonPath b = Fixtures.episode(show, Map.of("title", "Beta", "number", 2, "guests", List.of(Fixtures.credit(guest, "guest"))));
        String path = "/v1/guests/" + guest + "/episodes";
        assertEquals(List.of(a.getInt("id"), b.getInt("id")), ids(path, "title"));
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Zulu", "number", 0))
                .patch("/v1/episodes/" + a.getString("slug")).then().statusCode(200);
        assertEquals(List.of(b.getInt("id"), a.getInt("id")), ids(path, "title"));
        assertEquals(List.of(a.getInt("id"), b.getInt("id")), ids(path, "number"));
        assertEquals(a.getInt("id"), ids(path, "-updatedAt").get(0));
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("status", "draft"))
                .patch("/v1/episodes/" + a.getString("slug")).then().statusCode(200);
        assertEquals(List.of(b.getInt("id")), ids(path, "title"), "a draft leaves the anonymous list");
        Fixtures.admin().delete("/v1/episodes/" + b.getString("slug")).then().statusCode(204);
        assertEquals(List.of(), ids(path, "title"));
    }

    private static List<Integer> ids(String path, String sort) {
        return RestAssured.given().queryParam("sort", sort).get(path).then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    /** Pages of 2 to the end: each expected episode once, in the order of the sort key then id, and count=true exact. */
    private static void walk(Supplier<RequestSpecification> caller, String path, String sort, Set<Integer> expected) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        Integer total = null;
        do {
            RequestSpecification request = caller.get().queryParam("sort", sort).queryParam("limit", 2).queryParam("count", true);
            if (cursor != null) request.queryParam("cursor", cursor);
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            total = page.getInt("total");
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        String what = path + "?sort=" + sort;
        List<Integer> got = items.stream().map(i -> (Integer) i.get("id")).toList();
        assertEquals(expected, Set.copyOf(got), what + ": every episode once");
        assertEquals(expected.size(), got.size(), what + ": no episode twice");
        assertEquals(expected.size(), total, what + ": total");
        boolean descending = sort.startsWith("-");
        Comparator<Map<String, Object>> order = (x, y) -> compareKeys(key(x, sort.replace("-", "")), key(y, sort.replace("-", "")));
        order = order.thenComparing(i -> (Integer) i.get("id"));
        if (descending) order = order.reversed();
        List<Integer> sorted = items.stream().sorted(order).map(i -> (Integer) i.get("id")).collect(Collectors.toList());
        assertEquals(sorted, got, what + ": in order");
        assertTrue(got.size() > 2, what + ": more than one page");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Comparable a, Comparable b) {
        return a.compareTo(b);
    }

    private static Comparable<?> key(Map<String, Object> item, String sort) {
        return switch (sort) {
            case "publishedAt" -> item.get("publishedAt") == null ? Instant.EPOCH : Instant.parse((String) item.get("publishedAt"));
            case "number" -> item.get("number") == null ? Integer.valueOf(-1) : (Integer) item.get("number");
            case "title" -> (String) item.get("title");
            default -> Instant.parse((String) item.get("updatedAt"));
        };
    }
}
