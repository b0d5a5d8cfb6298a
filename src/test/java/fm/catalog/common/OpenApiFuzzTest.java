package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Requests made from the OpenAPI document the app serves, against every operation in it: random and
 * boundary values for every parameter and body field, wrong types, huge numbers, odd Unicode,
 * truncated and malformed bodies, and well-formed values that are wrong (refs that do not exist,
 * cursors and tokens that decode but do not belong). For each answer: never a 5xx (save the 501 that
 * oEmbed 1.0 prescribes for a format it does not offer); every 4xx a problem document (problem+xml
 * under /feeds/, the small HTML page under /embed/, which is what an iframe shows: it sends no Accept); and the catalog,
 * read straight from PostgreSQL, unchanged by every refused request.
 *
 * <p>Deterministic: {@code -Dfuzz.seed} (198) and {@code -Dfuzz.requests} ({@value #DEFAULT_REQUESTS} in
 * {@code mvn verify}) choose the run; a longer one: {@code mvn test -Dtest=OpenApiFuzzTest
 * -Dfuzz.requests=50000}. Every run writes its tally to target/fuzz/summary.txt.
 */
@QuarkusTest
class OpenApiFuzzTest {
    static final int DEFAULT_REQUESTS = 2000;
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
    private static final long SEED = Long.getLong("fuzz.seed", 198L);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Strings no field expects: control and format characters, other scripts, markup, SQL, paths. */
    private static final List<String> ODD = List.of("", " ", "\u0000", "a\u0000b", "\u202Eevil", "\uFEFFbom", "e\u0301",
            "👩‍👩‍👧", "Ω≈ç√∫", "\u2028\u2029", "<script>alert(1)</script>", "' or 1=1 --", "\\", "\"", "%00", "%2F..%2F",
            "../../etc/passwd", "&|!():*<->", "null", "true", "-0", "1e400", "0x1F", "DROP TABLE episodes;",
            "ｆｕｌｌｗｉｄｔｈ", "\t\n\r", "x".repeat(301), "ß".repeat(2000));
    /** Numbers at and past every bound a parameter or field might have. */
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "2", "49", "50", "51", "100", "101", "200", "201",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999", "1.5", "1e3", "1e400", "-0", "NaN", "Infinity", "0x10", "", "abc");
    /** Numbers as JSON text, some of which JSON does not allow (NaN, 0x10, 01) or no Java number holds. */
    private static final List<String> RAW_NUMBERS = List.of("0", "-1", "-0", "1.5", "2147483648", "9223372036854775808",
            "99999999999999999999999999", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "0x10", "01", "1.");
    private static final List<String> DATES = List.of("2024-03-01T10:00:00Z", "2024-03-01T10:00:00+02:00", "2024-03-01",
            "2024-13-45T99:99:99Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z", "now", "", "2024-02-30T10:00:00Z", "2024-03-01T10:00:00.123456789Z");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private final Random random = new Random(SEED);
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private final Map<String, Integer> byOperation = new TreeMap<>();
    private JsonNode spec;
    private Map<String, String> refs;
    private Set<String> existingKeyIds;

    /** One operation of the document, with what it takes. */
    private record Operation(String method, String path, List<JsonNode> parameters, String mediaType, JsonNode example,
                             JsonNode schema, boolean keyed) {
        String name() {
            return method + " " + path;
        }
    }

    private record Sent(String method, String uri, Map<String, String> headers, byte[] body) {
        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + uri + " " + headers + (body == null ? "" : " body: " + (text.length() > 600 ? text.substring(0, 600) + "..." : text));
        }
    }

    @Test
    void shouldNeverAnswer5xxAndRefuseBadRequestsWithProblemsThatChangeNothing() throws Exception {
        spec = JSON.readTree(send(new Sent("GET", base + "q/openapi?format=json", Map.of(), null)).body());
        List<Operation> operations = operations();
        assertTrue(operations.size() >= 40, "the document lists every operation: " + operations.size());
        refs = fixtures();
        existingKeyIds = existingKeyIds();

        String catalog = catalogState();
        for (int i = 0; i < REQUESTS; i++) {
            // every operation in turn, so that each gets its share of any count
            Operation operation = operations.get(i % operations.size());
            Sent sent = request(operation);
            if (sent == null) {
                continue;
            }
            HttpResponse<byte[]> answer = send(sent);
            int status = answer.statusCode();
            byStatus.merge(Integer.toString(status), 1, Integer::sum);
            byOperation.merge(operation.name(), 1, Integer::sum);
            String context = "request " + i + " (seed " + SEED + "): " + sent.describe() + "\n -> " + status + " "
                    + answer.headers().firstValue("Content-Type").orElse("") + " " + abbreviated(answer.body());
            boolean oembedFormat = status == 501 && operation.path().equals("/oembed");
            if (status >= 500 && !oembedFormat) {
                fail("a 5xx: " + context);
            }
            if (status >= 400) {
                assertProblem(operation.path(), status, answer, context);
                if (WRITES.contains(sent.method())) {
                    String after = catalogState();
                    assertEquals(catalog, after, "a refused request changed the catalog: " + context);
                }
            } else if (WRITES.contains(sent.method())) {
                // a fixture deleted, replaced or renamed: fresh ones, so that later requests still reach past the 404
                if (!sent.method().equals("POST") && refs.values().stream().anyMatch(sent.uri()::contains)) {
                    refs = fixtures();
                }
                catalog = catalogState();
            }
        }
        String summary = "OpenApiFuzzTest: " + REQUESTS + " requests over " + operations.size() + " operations, seed " + SEED
                + "\nby status: " + byStatus + "\nby operation: " + byOperation + "\n";
        System.out.print(summary);
        Path out = Path.of("target", "fuzz");
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.txt"), summary);
        // the run reached past the first checks: validation answered, and some requests were accepted
        assertTrue(byStatus.containsKey("400") || byStatus.containsKey("422"), byStatus::toString);
        assertTrue(byStatus.keySet().stream().anyMatch(s -> s.startsWith("2")), byStatus::toString);
    }

    // ---- what the document says

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = methods.next();
                String method = entry.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(p -> parameters.add(resolve(p)));
                operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
                String mediaType = null;
                JsonNode example = null;
                JsonNode schema = null;
                JsonNode content = resolve(operation.path("requestBody")).path("content");
                if (content.isObject() && content.fieldNames().hasNext()) {
                    mediaType = content.fieldNames().next();
                    JsonNode media = content.path(mediaType);
                    example = media.has("example") ? media.get("example") : null;
                    schema = resolve(media.path("schema"));
                }
                boolean keyed = false;
                for (JsonNode requirement : operation.path("security")) {
                    keyed |= requirement.has("bearer");
                }
                operations.add(new Operation(method, path.getKey(), parameters, mediaType, example, schema, keyed));
            }
        }
        return operations;
    }

    private JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = spec.at(ref.substring(1));
        }
        return node;
    }

    // ---- the catalog the requests run against

    /** Real refs of every kind, so that requests also get past the 404 to their bodies and parameters. */
    private Map<String, String> fixtures() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Fuzz Guest").getString("slug");
        String topic = Fixtures.topic("Fuzz Topic").getString("slug");
        String episode = Fixtures.episodeOf(show, guest, topic, Map.of()).getString("slug");
        String link = Fixtures.create("links", Map.of("kind", "website", "url", "https://fuzz.example/" + show, "episode", episode))
                .getString("slug");
        return Map.of("show", show, "guest", guest, "topic", topic, "episode", episode, "link", link);
    }

    /** The keys that exist before the run, the suite's own admin key among them: never revoked or rotated here. */
    private Set<String> existingKeyIds() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from api_keys")) {
            Set<String> ids = new java.util.HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    /**
     * What the catalog holds, as PostgreSQL has it: the row count and newest row version of every
     * table a request may write, and the keys' secrets and lifetimes (not their last use, which a
     * refused request may touch), plus idempotency claims left in flight. The counters folded in the
     * background are left out: they follow the episodes, which are in.
     */
    private String catalogState() throws Exception {
        StringBuilder sql = new StringBuilder("select ");
        List<String> tables = List.of("shows", "guests", "topics", "episodes", "episode_guests", "episode_topics", "chapters", "links",
                "feed_departures");
        for (String table : tables) {
            sql.append("(select count(*) || '/' || coalesce(max(xmin::text::bigint), 0) from ").append(table).append(") || ' ' || ");
        }
        sql.append("(select count(*) || '/' || coalesce(md5(string_agg(id || secret_hash || coalesce(previous_secret_hash, '')"
                + " || coalesce(revoked_at::text, '') || coalesce(expires_at::text, '') || coalesce(previous_secret_expires_at::text, ''),"
                + " ',' order by id)), '') from api_keys) || ' ' || (select count(*) from idempotency_keys where state = 'in_flight')");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ---- one request

    private Sent request(Operation operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        String path = operation.path();
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            switch (in) {
                case "path" -> {
                    String value = pathValue(operation, name);
                    if (value == null) {
                        return null;
                    }
                    path = path.replace("{" + name + "}", encode(value));
                }
                case "query" -> {
                    if (random.nextInt(3) > 0) {
                        query.add(encode(name) + "=" + encode(value(name, schema)));
                    }
                }
                case "header" -> {
                    if (random.nextBoolean()) {
                        headers.put(name, headerValue(name));
                    }
                }
                default -> {
                }
            }
        }
        if (random.nextInt(10) == 0) {
            query.add(encode(pick(List.of("unknown", "limit", "sort", "cursor", "q"))) + "=" + encode(pick(ODD)));
        }
        authorization(operation, headers);
        byte[] body = null;
        if (operation.mediaType() != null && random.nextInt(12) > 0) {
            headers.put("Content-Type", random.nextInt(15) == 0 ? pick(List.of("text/plain", "application/xml", "application/json;charset=latin1",
                    "application/merge-patch+json", "application/json", "multipart/form-data; boundary=x")) : operation.mediaType());
            body = body(operation);
        }
        String uri = base.toString().replaceAll("/$", "") + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return new Sent(operation.method(), uri, headers, body);
    }

    private String pathValue(Operation operation, String name) {
        if (operation.path().startsWith("/v1/api-keys")) {
            String id = pick(List.of("0", "-1", "1", "999999999999", "99999999999999999999999", "abc", "1.5", " ", "%00", "ß"));
            return existingKeyIds.contains(id) ? null : id;
        }
        String kind = operation.path().startsWith("/feeds/") || operation.path().startsWith("/v1/shows") ? "show"
                : operation.path().startsWith("/v1/guests") || operation.path().startsWith("/embed/guests") ? "guest"
                : operation.path().startsWith("/v1/topics") ? "topic"
                : operation.path().startsWith("/v1/links") ? "link" : "episode";
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> refs.get(kind);
            case 3 -> Fixtures.unique("missing");
            case 4 -> pick(NUMBERS);
            default -> pick(ODD);
        };
    }

    /** A value for a query parameter: often one its schema allows, often one just past it, sometimes nonsense. */
    private String value(String name, JsonNode schema) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return pick(ODD);
        }
        JsonNode items = resolve(schema.path("items"));
        if (schema.has("enum") || items.has("enum")) {
            JsonNode values = schema.has("enum") ? schema.get("enum") : items.get("enum");
            return roll < 6 ? values.get(random.nextInt(values.size())).asText()
                    : pick(List.of("unknown", values.get(0).asText().toUpperCase(), "-" + values.get(0).asText(), ",", values.get(0).asText() + ","));
        }
        switch (name) {
            case "sort" -> {
                return pick(List.of("publishedAt", "-publishedAt", "title", "-title", "number", "-number", "updatedAt", "-updatedAt",
                        "-episodeCount", "episodeCount", "name", "position", "-position", "--title", "title,-number", "id"));
            }
            case "cursor" -> {
                return cursor();
            }
            case "url" -> {
                return pick(List.of(base + "embed/guests/" + refs.get("guest"), base + "embed/episodes/" + refs.get("episode"),
                        base + "embed/guests/" + Fixtures.unique("missing"), "https://elsewhere.example/embed/guests/x", "javascript:alert(1)",
                        "not a url", base + "v1/guests/" + refs.get("guest"), "http://[::1", ""));
            }
            case "show", "guest", "topic", "episode" -> {
                return roll < 6 ? refs.get(name) : Fixtures.unique("missing");
            }
            case "overlap" -> {
                return pick(List.of("PT1H", "P1D", "PT0S", "-PT1H", "P999999999D", "1h", "", "PT1H30M"));
            }
            default -> {
            }
        }
        String type = schema.path("type").asText("string");
        String format = schema.path("format").asText("");
        if (type.equals("integer") || type.equals("number")) {
            if (roll < 5) {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(min + 100);
                return Long.toString(pick(List.of(min - 1, min, max, max + 1, (min + max) / 2)));
            }
            return pick(NUMBERS);
        }
        if (type.equals("boolean")) {
            return pick(List.of("true", "false", "TRUE", "1", "yes", ""));
        }
        if (format.equals("date-time")) {
            return pick(DATES);
        }
        return roll < 6 ? pick(List.of("mistake", "kevin", "lesson startup", "a", "ab", "\"quoted phrase\"", "-not", "kevn goldsmit"))
                : pick(ODD);
    }

    /** Cursors: garbage, base64 of garbage, and well-formed ones of another sort or of no such row. */
    private String cursor() {
        String encoded = switch (random.nextInt(5)) {
            case 0 -> "-publishedAt\n999999999\n2024-03-01 10:00:00+00";
            case 1 -> "title\n1\n" + pick(ODD);
            case 2 -> "-episodeCount\nabc\n12";
            case 3 -> pick(ODD);
            default -> "-publishedAt\n1\nnot a date";
        };
        return random.nextBoolean() ? Base64.getUrlEncoder().withoutPadding().encodeToString(encoded.getBytes(StandardCharsets.UTF_8))
                : pick(List.of("!!!", "====", "AAAA", "bm90IGEgY3Vyc29y", pick(ODD)));
    }

    private String headerValue(String name) {
        return switch (name) {
            case "If-Match", "If-None-Match" -> pick(List.of("\"1\"", "\"0\"", "W/\"1\"", "*", "\"999999\"", "garbage", "\"\"", "\"1\", \"2\""));
            case "Idempotency-Key" -> pick(List.of(Fixtures.unique("fuzz"), "", " ", "k".repeat(300), "key with spaces", "fuzz-fixed-key"));
            default -> "x";
        };
    }

    /** Mostly the suite's admin key, so that writes reach their validation; else none, a stranger's, or no bearer at all. */
    private void authorization(Operation operation, Map<String, String> headers) {
        int roll = random.nextInt(10);
        if (roll < (operation.keyed() && !operation.method().equals("GET") ? 8 : 3)) {
            headers.put("Authorization", "Bearer " + Fixtures.ADMIN_KEY);
        } else if (roll == 8) {
            // the shape of a key (prefix, key id, secret) that belongs to no one
            headers.put("Authorization", "Bearer pc_" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                    + "0123456789abcdef0123456789abcdef");
        } else if (roll == 9) {
            headers.put("Authorization", pick(List.of("Basic Zm9vOmJhcg==", "Bearer", "Bearer ", "bearer " + Fixtures.ADMIN_KEY + "x", "Token abc")));
        }
    }

    // ---- bodies

    private byte[] body(Operation operation) {
        if (operation.example() == null) {
            return pick(ODD).getBytes(StandardCharsets.UTF_8);
        }
        if (!operation.mediaType().contains("json")) {
            return text(operation.example().asText()).getBytes(StandardCharsets.UTF_8);
        }
        JsonNode example = ours(operation.example().deepCopy(), null);
        switch (random.nextInt(12)) {
            case 0 -> {
                String text = example.toString();
                return text.substring(0, random.nextInt(Math.max(1, text.length()))).getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                // not UTF-8 at all
                byte[] text = example.toString().getBytes(StandardCharsets.UTF_8);
                text[random.nextInt(text.length)] = (byte) 0xFF;
                return text;
            }
            case 2 -> {
                return pick(List.of("", "null", "[]", "{}", "\"text\"", "42", "{\"a\":", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]",
                        "{\"title\": \"x\", \"title\": \"y\"}", "{\"__proto__\": {}}")).getBytes(StandardCharsets.UTF_8);
            }
            case 3, 4 -> {
                // accepted as it is, or close to it: some requests should get through
                return example.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return mutated(example, operation.schema()).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** The example's slugs made fresh and its refs pointed at this run's fixtures, so that nothing collides with other tests. */
    private JsonNode ours(JsonNode node, String field) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && Set.of("slug", "guid").contains(name)) {
                    object.put(name, Fixtures.unique("fz"));
                } else if (value.isTextual() && refs.containsKey(name)) {
                    object.put(name, refs.get(name));
                } else if (value.isTextual() && name.equals("ref")) {
                    object.put(name, refs.get("topics".equals(field) ? "topic" : "guest"));
                } else {
                    object.set(name, ours(value, name));
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, array.get(i).isTextual() && "topics".equals(field) ? NODES.textNode(refs.get("topic")) : ours(array.get(i), field));
            }
        }
        return node;
    }

    /** One field of the body (or of an object in it) replaced, dropped or added, as JSON text. */
    private String mutated(JsonNode example, JsonNode schema) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(example, objects);
        if (objects.isEmpty()) {
            return example.toString();
        }
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (target == example && schema != null) {
            schema.path("properties").fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
        }
        String name = names.isEmpty() ? "title" : pick(names);
        String raw = null;
        switch (random.nextInt(8)) {
            case 0 -> target.remove(name);
            case 1 -> target.putNull(name);
            case 2 -> target.put("unknownField" + random.nextInt(3), pick(ODD));
            case 3 -> raw = pick(RAW_NUMBERS);
            case 4 -> target.set(name, pick(List.of(NODES.objectNode(), NODES.arrayNode(), NODES.booleanNode(true),
                    NODES.arrayNode().add(pick(ODD)).add(12), NODES.objectNode().put("ref", Fixtures.unique("missing")))));
            case 5 -> target.put(name, pick(DATES));
            case 6 -> target.put(name, random.nextInt(4) == 0 ? "y".repeat(random.nextInt(3) == 0 ? 300_000 : 5_000) : pick(ODD));
            default -> target.put(name, Fixtures.unique("missing"));
        }
        if (raw == null) {
            return example.toString();
        }
        // numbers Jackson's tree cannot hold (1e400, NaN, 0x10, 2^63) go in as text
        target.put(name, "\u0001raw\u0001");
        return example.toString().replace("\"\\u0001raw\\u0001\"", raw);
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node.isObject()) {
            objects.add((ObjectNode) node);
        }
        node.forEach(child -> collect(child, objects));
    }

    /** An XML body (the RSS import) cut short, with an entity that must never be read, or with junk in it. */
    private String text(String example) {
        return switch (random.nextInt(5)) {
            case 0 -> example.substring(0, random.nextInt(Math.max(1, example.length())));
            case 1 -> "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                    + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>" + Fixtures.unique("g")
                    + "</guid></item></channel></rss>";
            case 2 -> example.replaceFirst("<title>[^<]*</title>", "<title>" + pick(ODD).replace("<", "&lt;").replace("&", "&amp;") + "</title>");
            case 3 -> pick(List.of("", "{}", "<rss/>", "<rss version=\"9\"><channel/></rss>", "not xml at all"));
            default -> example.replaceAll("<guid[^>]*>[^<]*</guid>", "<guid>" + Fixtures.unique("g") + "</guid>");
        };
    }

    // ---- sending and checking

    private HttpResponse<byte[]> send(Sent sent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sent.uri())).timeout(Duration.ofSeconds(60))
                .method(sent.method(), sent.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(sent.body()));
        sent.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertProblem(String path, int status, HttpResponse<byte[]> answer, String context) throws Exception {
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        if (path.startsWith("/embed/")) {
            assertTrue(type.startsWith("text/html"), "an embed's error page: " + context);
            assertTrue(body.contains("<h1>"), "an embed's error page says what went wrong: " + context);
            return;
        }
        if (path.startsWith("/feeds/")) {
            assertTrue(type.startsWith("application/problem+xml"), "a feed's problem: " + context);
            assertTrue(body.contains("<status>" + status + "</status>"), "a feed's problem names its status: " + context);
            return;
        }
        assertTrue(type.startsWith("application/problem+json"), "a problem document: " + context);
        JsonNode problem = JSON.readTree(body);
        assertEquals(status, problem.path("status").asInt(), "the problem's status: " + context);
        assertFalse(problem.path("type").asText().isEmpty(), "the problem's type: " + context);
        assertFalse(problem.path("title").asText().isEmpty(), "the problem's title: " + context);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Percent-encoded as a client library would: every byte outside the unreserved set. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String abbreviated(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
