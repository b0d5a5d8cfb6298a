package fm.catalog.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Eventually;
import fm.catalog.support.Fixtures;
import fm.catalog.support.Pages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values just outside what each parameter, header and body field accepts are 400 problems naming
 * it (or the documented status), never a 500 from the database. Each kind of input once: query
 * whole numbers, timestamps, enums and booleans; cursors of every SQL type a sort casts its value
 * to; refs in paths and bodies; If-Match and Idempotency-Key; body numbers, timestamps, enums, refs
 * and URLs.
 */
@QuarkusTest
class InputBoundsTest {

    static final String PROBLEM = "application/problem+json";
    static final String NOT_OURS = "is not a cursor this API gave out";

    /** A cursor as Cursor.encode writes it: base64url of "sort\nid\nvalue". */
    static String cursor(String sort, String id, String value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((sort + "\n" + id + "\n" + value).getBytes(StandardCharsets.UTF_8));
    }

    static ValidatableResponse refusedParameter(ValidatableResponse response, String parameter) {
        return response.statusCode(400).contentType(PROBLEM).body("status", equalTo(400))
                .body("errors", hasSize(1)).body("errors[0].parameter", equalTo(parameter));
    }

    static ValidatableResponse refusedField(ValidatableResponse response, String pointer) {
        return response.statusCode(400).contentType(PROBLEM).body("status", equalTo(400))
                .body("errors", hasSize(1)).body("errors[0].pointer", equalTo(pointer));
    }

    static ValidatableResponse postEpisode(String json) {
        return Fixtures.admin().contentType(ContentType.JSON).body(json).post("/v1/episodes").then();
    }

    // ---- query parameters ----

    @Test
    void shouldRefuseQueryWholeNumbersOutOfRange() {
        for (String season : List.of("2147483648", "-1", "1.5", "1e3", "99999999999999999999", "two")) {
            refusedParameter(given().queryParam("season", season).get("/v1/episodes").then(), "season")
                    .body("errors[0].message", equalTo("must be a whole number from 0 to 2147483647"));
        }
        given().queryParam("season", "2147483647").get("/v1/episodes").then().statusCode(200);
        given().queryParam("season", "0").get("/v1/episodes").then().statusCode(200);
        for (String limit : List.of("0", "101", "-1", "2147483648", "1.5", "1e2")) {
            refusedParameter(given().queryParam("limit", limit).get("/v1/guests").then(), "limit");
        }
        given().queryParam("limit", "100").get("/v1/guests").then().statusCode(200);
    }

    @Test
    void shouldRefuseQueryTimestampsOutsideYearsOneToNineThousandNineHundredNinetyNine() {
        String range = "must be an RFC 3339 timestamp from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z";
        for (String name : List.of("publishedAfter", "publishedBefore", "updatedSince")) {
            // OffsetDateTime reads all of these; PostgreSQL and RFC 3339 do not agree with it
            for (String value : List.of("+99999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                    "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00")) {
                refusedParameter(given().queryParam(name, value).get("/v1/episodes").then(), name)
                        .body("errors[0].message", equalTo(range));
            }
            for (String value : List.of("10000-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-31", "yesterday")) {
                refusedParameter(given().queryParam(name, value).get("/v1/episodes").then(), name)
                        .body("errors[0].message", containsString("RFC 3339"));
            }
            given().queryParam(name, "0001-01-01T00:00:00Z").get("/v1/episodes").then().statusCode(200);
            given().queryParam(name, "9999-12-31T23:59:59Z").get("/v1/episodes").then().statusCode(200);
        }
    }

    @Test
    void shouldRefuseQueryEnumsAndBooleansOutsideTheirValues() {
        refusedParameter(given().queryParam("type", "FULL").get("/v1/episodes").then(), "type");
        refusedParameter(given().queryParam("status", "live").get("/v1/episodes").then(), "status");
        refusedParameter(given().queryParam("sort", "-publishedat").get("/v1/episodes").then(), "sort");
        refusedParameter(given().queryParam("sort", "relevance").get("/v1/episodes").then(), "sort");
        refusedParameter(given().queryParam("sort", "-episodeCount ;").get("/v1/guests").then(), "sort");
        for (String count : List.of("yes", "1", "TRUE", "true!")) {
            refusedParameter(given().queryParam("count", count).get("/v1/topics").then(), "count");
        }
        String guest = Fixtures.guest("Stays").getString("slug");
        refusedParameter(Fixtures.admin().queryParam("detach", "1").delete("/v1/guests/" + guest).then(), "detach");
        given().get("/v1/guests/" + guest).then().statusCode(200);
        String show = Fixtures.show().getString("slug");
        String feed = "<rss version=\"2.0\"><channel><item><guid>b-1</guid><title>One</title></item></channel></rss>";
        refusedParameter(Fixtures.admin().contentType("application/rss+xml").queryParam("show", show).queryParam("dryRun", "yes")
                .body(feed).post("/v1/imports/rss").then(), "dryRun");
        refusedParameter(Fixtures.admin().contentType("application/rss+xml").queryParam("show", show).queryParam("atomic", "0")
                .body(feed).post("/v1/imports/rss").then(), "atomic");
        refusedParameter(Fixtures.admin().contentType("application/rss+xml").queryParam("show", "99999999999999999999")
                .body(feed).post("/v1/imports/rss").then(), "show");
    }

    @Test
    void shouldTreatOddSearchesAndGuidsAsPlainText() {
        for (String q : List.of("'\"&|!:*()", "a <-> b", "-", "\"", "or", "\\", "x".repeat(300), "ünïcödé ✓")) {
            given().queryParam("q", q).get("/v1/episodes").then().statusCode(200);
            given().queryParam("q", q).get("/v1/guests").then().statusCode(200);
            given().queryParam("q", q).get("/v1/topics").then().statusCode(200);
        }
        given().queryParam("q", "x".repeat(2000)).get("/v1/episodes").then().statusCode(200);
        // a name search longer than any name (300) is a mistake, said as one (the OpenAPI gives the bound)
        given().queryParam("q", "x".repeat(301)).get("/v1/guests").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("q", "x".repeat(301)).get("/v1/topics").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("guid", "g".repeat(3000)).get("/v1/episodes").then().statusCode(200).body("items", hasSize(0));
    }

    // ---- cursors ----

    @Test
    void shouldRefuseEpisodeCursorsHoldingAValueOfTheWrongKind() {
        Map<String, List<String>> wrong = Map.of(
                // timestamptz
                "-publishedAt", List.of("abc", "", "2024-03-01T10:00:00Z", "2024-13-01 10:00:00+00", "2024-02-30 10:00:00+00",
                        "+99999-01-01 00:00:00+00", "1", "2024-03-01 10:00:00Z", "2024-03-01 10:00:00.1234567+00"),
                "publishedAt", List.of("NaN", "2024-03-01 25:00:00+00"),
                "-updatedAt", List.of("now", "2024-03-01 10:00:00+99"),
                // integer
                "number", List.of("2147483648", "-2147483649", "1.5", "1e3", "abc", "", "+1"),
                "-number", List.of("99999999999999999999", " 1"),
                // text cannot hold U+0000
                "title", List.of("a\u0000b"));
        for (var sort : wrong.entrySet()) {
            for (String value : sort.getValue()) {
                refusedParameter(given().queryParam("sort", sort.getKey()).queryParam("cursor", cursor(sort.getKey(), "5", value))
                        .get("/v1/episodes").then(), "cursor").body("errors[0].message", equalTo(NOT_OURS));
            }
        }
        // real (ts_rank): finite, and within what PostgreSQL's real holds
        for (String value : List.of("1e40", "NaN", "Infinity", "-Infinity", "1e-50", "0x1p3", "1.5f", "abc", "")) {
            refusedParameter(given().queryParam("q", "mistake").queryParam("cursor", cursor("relevance", "5", value))
                    .get("/v1/episodes").then(), "cursor").body("errors[0].message", equalTo(NOT_OURS));
        }
        // the id: a positive long
        for (String id : List.of("-5", "0", "abc", "99999999999999999999", "", "1.5")) {
            refusedParameter(given().queryParam("cursor", cursor("-publishedAt", id, "2024-03-01 10:00:00+00"))
                    .get("/v1/episodes").then(), "cursor").body("errors[0].message", equalTo(NOT_OURS));
        }
        // well-formed values of the right kind are fine, even ones we did not hand out
        given().queryParam("cursor", cursor("-publishedAt", "5", "2024-03-01 10:00:00.5+05:30")).get("/v1/episodes").then().statusCode(200);
        given().queryParam("sort", "number").queryParam("cursor", cursor("number", "5", "-1")).get("/v1/episodes").then().statusCode(200);
        given().queryParam("sort", "title").queryParam("cursor", cursor("title", "5", "2147483648\nx")).get("/v1/episodes").then().statusCode(200);
        given().queryParam("q", "mistake").queryParam("cursor", cursor("relevance", "5", "6.0792707e-06")).get("/v1/episodes").then().statusCode(200);
    }

    @Test
    void shouldRefuseCursorsThatAreNotCursorsAtAll() {
        refusedParameter(given().queryParam("cursor", cursor("title", "5", "Alpha")).get("/v1/episodes").then(), "cursor")
                .body("errors[0].message", containsString("another sort order"));
        for (String token : List.of("garbage!", "%%%", "YQ", "a+b/c=", "A".repeat(3000), Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, '\n', '5', '\n', 'x'}))) {
            refusedParameter(given().queryParam("cursor", token).get("/v1/episodes").then(), "cursor");
        }
    }

    @Test
    void shouldRefuseGuestAndTopicCursorsOfTheWrongKindAndTakeTheirOwn() {
        String word = "zb" + Fixtures.unique("c").replace("-", "");
        String show = Fixtures.show().getString("slug");
        JsonPath busy = Fixtures.guest("Busy " + word);
        JsonPath idle = Fixtures.guest("Idle " + word);
        JsonPath topicA = Fixtures.topic("Alpha " + word);
        JsonPath topicB = Fixtures.topic("Beta " + word);
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(busy.getString("slug"), "guest")), "topics", List.of(topicB.getString("slug"))));
        for (String collection : List.of("guests", "topics")) {
            for (String value : List.of("9223372036854775808", "1.5", "x", "", "1e3")) {
                refusedParameter(given().queryParam("sort", "-episodeCount").queryParam("cursor", cursor("-episodeCount", "5", value))
                        .get("/v1/" + collection).then(), "cursor").body("errors[0].message", equalTo(NOT_OURS));
            }
            refusedParameter(given().queryParam("cursor", cursor("name", "5", "a\u0000")).get("/v1/" + collection).then(), "cursor");
        }
        // cursors as the API gives them out go on where the page stopped (bigint and text values)
        // the order by count follows the counters within the fold interval
        Eventually.equal(List.of(busy.getInt("id"), idle.getInt("id")), () -> walk("/v1/guests", word, "-episodeCount"), "guests by count");
        Eventually.equal(List.of(topicB.getInt("id"), topicA.getInt("id")), () -> walk("/v1/topics", word, "-episodeCount"), "topics by count");
        assertEquals(List.of(busy.getInt("id"), idle.getInt("id")), walk("/v1/guests", word, "-episodeCount"));
        assertEquals(List.of(busy.getInt("id"), idle.getInt("id")), walk("/v1/guests", word, "name"));
        assertEquals(List.of(topicB.getInt("id"), topicA.getInt("id")), walk("/v1/topics", word, "-episodeCount"));
        assertEquals(List.of(topicA.getInt("id"), topicB.getInt("id")), walk("/v1/topics", word, "name"));
    }

    @Test
    void shouldTakeBackEveryEpisodeCursorItGaveOut() {
        String show = Fixtures.show().getString("slug");
        String word = "zp" + Fixtures.unique("c").replace("-", "");
        JsonPath first = Fixtures.episode(show, Map.of("number", 1, "title", "Alpha " + word, "publishedAt", "2024-01-01T09:30:00.123456Z"));
        JsonPath second = Fixtures.episode(show, Map.of("number", 2, "title", "Beta " + word + " " + word, "publishedAt", "2024-02-01T00:00:00Z"));
        List<Integer> byDate = List.of(first.getInt("id"), second.getInt("id"));
        List<Integer> newest = List.of(second.getInt("id"), first.getInt("id"));
        for (var sort : Map.of("-publishedAt", newest, "publishedAt", byDate, "number", byDate, "-number", newest,
                "title", byDate, "-updatedAt", newest).entrySet()) {
            assertEquals(sort.getValue(), walkEpisodes(Map.of("show", show, "sort", sort.getKey())), sort.getKey());
        }
        // relevance: a real; the title with the word twice ranks first
        assertEquals(newest, walkEpisodes(Map.of("q", word)), "relevance");
    }

    private static List<Integer> walkEpisodes(Map<String, String> params) {
        return Pages.walk("/v1/episodes", params, 1, 10);
    }

    private static List<Integer> walk(String path, String q, String sort) {
        List<Integer> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("q", q).queryParam("sort", sort).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && walked.size() < 10);
        return walked;
    }

    // ---- path refs ----

    @Test
    void shouldAnswerRefsThatCanNameNothingWith404() {
        String longSlug = "a".repeat(500);
        for (String ref : List.of("12345678901234567890123", "9223372036854775808", "-5", "0", "00", longSlug, "%E2%80%8B", "a%20b")) {
            for (String collection : List.of("shows", "episodes", "guests", "topics", "links")) {
                given().urlEncodingEnabled(false).get("/v1/" + collection + "/" + ref).then().statusCode(404).contentType(PROBLEM);
            }
            given().urlEncodingEnabled(false).get("/v1/shows/" + ref + "/episodes").then().statusCode(404).contentType(PROBLEM);
            given().urlEncodingEnabled(false).get("/v1/episodes/" + ref + "/chapters.json").then().statusCode(404).contentType(PROBLEM);
            Fixtures.admin().urlEncodingEnabled(false).delete("/v1/guests/" + ref).then().statusCode(404).contentType(PROBLEM);
            Fixtures.admin().urlEncodingEnabled(false).contentType("application/merge-patch+json").body("{}")
                    .patch("/v1/topics/" + ref).then().statusCode(404).contentType(PROBLEM);
            Fixtures.admin().urlEncodingEnabled(false).delete("/v1/api-keys/" + ref).then().statusCode(404).contentType(PROBLEM);
        }
        refusedParameter(given().queryParam("show", "99999999999999999999").get("/v1/episodes").then(), "show");
        refusedParameter(given().queryParam("guest", longSlug).get("/v1/episodes").then(), "guest");
        refusedParameter(given().queryParam("episode", "-1").get("/v1/links").then(), "episode");
    }

    // ---- headers ----

    @Test
    void shouldCompareIfMatchStrongly() {
        JsonPath show = Fixtures.show();
        String ref = show.getString("slug");
        String etag = given().get("/v1/shows/" + ref).then().statusCode(200).extract().header("ETag");
        String version = etag.substring(1, etag.indexOf('-'));
        for (String weak : List.of("W/" + etag, "W/\"" + version + "\"", "W/" + etag + ", W/\"" + version + "\"")) {
            Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", weak).body(Map.of("title", "Weak"))
                    .patch("/v1/shows/" + ref).then().statusCode(412).contentType(PROBLEM).body("status", equalTo(412));
            Fixtures.admin().header("If-Match", weak).delete("/v1/shows/" + ref).then().statusCode(412);
        }
        // a version past a long (NumberFormatException once: a 500) or not a number names no version we are at
        for (String odd : List.of("\"99999999999999999999999999999\"", "\"9223372036854775808-x\"", "\"-1\"", "garbage", "\"\"")) {
            Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", odd).body(Map.of("title", "Odd"))
                    .patch("/v1/shows/" + ref).then().statusCode(412).contentType(PROBLEM);
        }
        given().get("/v1/shows/" + ref).then().body("title", equalTo(show.getString("title"))).header("ETag", etag);
        // the strong tag as we sent it matches, alone or beside weak ones
        Fixtures.admin().contentType("application/merge-patch+json").header("If-Match", "W/\"77\", " + etag).body(Map.of("title", "Strong"))
                .patch("/v1/shows/" + ref).then().statusCode(200).body("title", equalTo("Strong"));
        String next = given().get("/v1/shows/" + ref).then().extract().header("ETag");
        Fixtures.admin().contentType(ContentType.JSON).header("If-Match", next).body(Map.of("title", "Exact"))
                .put("/v1/shows/" + ref).then().statusCode(200).body("title", equalTo("Exact"));
    }

    @Test
    void shouldRefuseIdempotencyKeysOfNoOrTooManyCharacters() {
        refusedParameter(Fixtures.admin().header("Idempotency-Key", "k".repeat(256)).contentType(ContentType.JSON)
                .body(Map.of("name", "Keyed " + Fixtures.unique("t"))).post("/v1/topics").then(), "Idempotency-Key");
        refusedParameter(Fixtures.admin().header("Idempotency-Key", " ").contentType(ContentType.JSON)
                .body(Map.of("name", "Keyed " + Fixtures.unique("t"))).post("/v1/topics").then(), "Idempotency-Key");
        Fixtures.admin().header("Idempotency-Key", Fixtures.unique("k") + "k".repeat(240)).contentType(ContentType.JSON)
                .body(Map.of("name", "Keyed " + Fixtures.unique("t"))).post("/v1/topics").then().statusCode(201);
    }

    // ---- bodies ----

    @Test
    void shouldRefuseBodyNumbersOutOfRangeNamingTheField() {
        String show = Fixtures.show().getString("slug");
        String base = "{\"show\": \"" + show + "\", \"title\": \"Numbers\", ";
        for (String field : List.of("number", "season", "durationSeconds")) {
            refusedField(postEpisode(base + "\"" + field + "\": 2147483648}"), "/" + field)
                    .body("errors[0].message", equalTo("must be a whole number from -2147483648 to 2147483647"));
            refusedField(postEpisode(base + "\"" + field + "\": 1e30}"), "/" + field).body("errors[0].message", equalTo("must be a whole number"));
            refusedField(postEpisode(base + "\"" + field + "\": 1.5}"), "/" + field).body("errors[0].message", equalTo("must be a whole number"));
            refusedField(postEpisode(base + "\"" + field + "\": -1}"), "/" + field);
            refusedField(postEpisode(base + "\"" + field + "\": \"5\"}"), "/" + field);
        }
        String audio = base + "\"audio\": {\"url\": \"https://audio.example.com/a.mp3\", \"sizeBytes\": ";
        refusedField(postEpisode(audio + "9223372036854775808}}"), "/audio/sizeBytes")
                .body("errors[0].message", equalTo("must be a whole number from -9223372036854775808 to 9223372036854775807"));
        refusedField(postEpisode(audio + "1e30}}"), "/audio/sizeBytes");
        refusedField(postEpisode(audio + "1.5}}"), "/audio/sizeBytes");
        refusedField(postEpisode(audio + "-1}}"), "/audio/sizeBytes");
        refusedField(postEpisode(base + "\"chapters\": [{\"title\": \"a\", \"startTime\": 2147483648}]}"), "/chapters/0/startTime");
        refusedField(Fixtures.admin().contentType(ContentType.JSON)
                .body("{\"kind\": \"website\", \"url\": \"https://example.org\", \"show\": \"" + show + "\", \"position\": 2147483648}")
                .post("/v1/links").then(), "/position");
        given().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
    }

    @Test
    void shouldRefuseBodyTimestampsOutsideYearsOneToNineThousandNineHundredNinetyNine() {
        String show = Fixtures.show().getString("slug");
        String base = "{\"show\": \"" + show + "\", \"title\": \"Dated\", \"publishedAt\": ";
        String range = "must be an RFC 3339 timestamp from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z";
        // Jackson reads each of these into an Instant; PostgreSQL stored some and refused others with a 500
        for (String value : List.of("\"+99999-01-01T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"-0001-01-01T00:00:00Z\"",
                "\"9999-12-31T23:59:59.9999999Z\"", "253402300800", "-99999999999999", "1e20")) {
            refusedField(postEpisode(base + value + "}"), "/publishedAt").body("errors[0].message", equalTo(range));
        }
        refusedField(postEpisode(base + "\"2024-02-30T00:00:00Z\"}"), "/publishedAt");
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
        int earliest = postEpisode(base + "\"0001-01-01T00:00:00Z\"}").statusCode(201).extract().path("id");
        int latest = postEpisode(base + "\"9999-12-31T23:59:59.999999Z\"}").statusCode(201).extract().path("id");
        // read back as written, and PostgreSQL's text of both ends makes cursors we take back
        Fixtures.admin().get("/v1/episodes/" + earliest).then().statusCode(200).body("publishedAt", equalTo("0001-01-01T00:00:00Z"));
        Fixtures.admin().get("/v1/episodes/" + latest).then().statusCode(200).body("publishedAt", equalTo("9999-12-31T23:59:59.999999Z"));
        for (String sort : List.of("-publishedAt", "publishedAt")) {
            JsonPath page1 = Fixtures.admin().queryParam("show", show).queryParam("sort", sort).queryParam("limit", 1)
                    .get("/v1/episodes").then().statusCode(200).extract().jsonPath();
            Fixtures.admin().queryParam("show", show).queryParam("sort", sort).queryParam("limit", 1).queryParam("cursor", page1.getString("nextCursor"))
                    .get("/v1/episodes").then().statusCode(200)
                    .body("items.id", equalTo(List.of(sort.startsWith("-") ? earliest : latest))).body("nextCursor", equalTo(null));
        }

        // imports, by JSON and by RSS, write with COPY, which refused such years with a 500
        JsonPath imported = Fixtures.admin().contentType(ContentType.JSON).body("{\"show\": \"" + show + "\", \"episodes\": ["
                        + "{\"guid\": \"far-1\", \"title\": \"Far\", \"publishedAt\": \"+99999-01-01T00:00:00Z\"}]}")
                .post("/v1/imports/episodes").then().statusCode(400).contentType(PROBLEM).extract().jsonPath();
        assertEquals("/episodes/0/publishedAt", imported.getString("results[0].problem.errors[0].pointer"));
        JsonPath fed = Fixtures.admin().contentType("application/rss+xml").queryParam("show", show)
                .body("<rss version=\"2.0\"><channel><item><guid>far-2</guid><title>Far</title>"
                        + "<pubDate>Sat, 01 Jan 10000 00:00:00 GMT</pubDate></item></channel></rss>")
                .post("/v1/imports/rss").then().statusCode(400).contentType(PROBLEM).extract().jsonPath();
        assertEquals("/episodes/0/publishedAt", fed.getString("results[0].problem.errors[0].pointer"));
        assertEquals(range, fed.getString("results[0].problem.errors[0].message"));
        Fixtures.admin().queryParam("guid", "far-1").get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
    }

    @Test
    void shouldRefuseBodyEnumsAndUrlsOutsideTheirValues() {
        String show = Fixtures.show().getString("slug");
        String base = "{\"show\": \"" + show + "\", \"title\": \"Enums\", ";
        refusedField(postEpisode(base + "\"type\": \"FULL\"}"), "/type").body("errors[0].message", equalTo("must be one of full, trailer, bonus"));
        refusedField(postEpisode(base + "\"type\": 0}"), "/type");
        refusedField(postEpisode(base + "\"status\": \"live\"}"), "/status");
        refusedField(postEpisode(base + "\"guests\": [{\"ref\": \"x\", \"role\": \"star\"}]}"), "/guests/0/role");
        refusedField(postEpisode(base + "\"links\": [{\"kind\": \"podcast\", \"url\": \"https://example.org\"}]}"), "/links/0/kind");
        for (String url : List.of("ftp://example.org/x.png", "http://", "javascript:alert(1)", "https://[::1", "http://a b",
                "https://example.org/" + "x".repeat(2030))) {
            refusedField(postEpisode(base + "\"imageUrl\": \"" + url + "\"}"), "/imageUrl");
            refusedField(postEpisode(base + "\"audio\": {\"url\": \"" + url + "\"}}"), "/audio/url");
            refusedField(postEpisode(base + "\"links\": [{\"kind\": \"blog\", \"url\": \"" + url + "\"}]}"), "/links/0/url");
        }
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
    }

    @Test
    void shouldRefuseBodyRefsThatCanNameNothing() {
        String show = Fixtures.show().getString("slug");
        String title = "\"title\": \"Refs\"";
        for (String ref : List.of("{\"id\": \"abc\"}", "{\"id\": 1e40}", "{\"id\": 1.5}", "{\"id\": 0}", "{\"id\": -1}",
                "{\"id\": 99999999999999999999}", "99999999999999999999", "-5", "0", "1.5", "\"a\\u0000b\"",
                "{\"slug\": \"a\\u0000b\"}", "\"\"", "{}", "[]", "true")) {
            refusedField(postEpisode("{\"show\": " + ref + ", " + title + "}"), "/show");
        }
        // unknown, but harmless to look up: a slug of 500 characters, 19 digits or more
        for (String ref : List.of("\"" + "a".repeat(500) + "\"", "\"99999999999999999999\"", "{\"slug\": \"" + "b".repeat(500) + "\"}")) {
            refusedField(postEpisode("{\"show\": " + ref + ", " + title + "}"), "/show").body("errors[0].message", containsString("names no show"));
        }
        String base = "{\"show\": \"" + show + "\", " + title + ", ";
        refusedField(postEpisode(base + "\"topics\": [99999999999999999999]}"), "/topics/0");
        refusedField(postEpisode(base + "\"topics\": [-3]}"), "/topics/0");
        refusedField(postEpisode(base + "\"topics\": [\"a\\u0000\"]}"), "/topics/0");
        refusedField(postEpisode(base + "\"guests\": [{\"id\": -1, \"role\": \"guest\"}]}"), "/guests/0/id");
        refusedField(postEpisode(base + "\"guests\": [{\"id\": 99999999999999999999, \"role\": \"guest\"}]}"), "/guests/0/id");
        refusedField(postEpisode(base + "\"guests\": [{\"ref\": {\"id\": 0}, \"role\": \"guest\"}]}"), "/guests/0/ref");
        refusedField(Fixtures.admin().contentType(ContentType.JSON)
                .body("{\"kind\": \"website\", \"url\": \"https://example.org\", \"show\": \"a\\u0000\"}").post("/v1/links").then(), "/show");
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));

        // imports: topics by text or number, guests by id, and the show itself
        for (String topic : List.of("-4", "0", "1.5", "\"a\\u0000\"", "99999999999999999999")) {
            JsonPath answer = Fixtures.admin().contentType(ContentType.JSON).body("{\"show\": \"" + show + "\", \"episodes\": ["
                            + "{\"guid\": \"r-1\", \"title\": \"R\", \"topics\": [" + topic + "]}]}")
                    .post("/v1/imports/episodes").then().statusCode(400).contentType(PROBLEM).extract().jsonPath();
            assertEquals("/episodes/0/topics/0", answer.getString("errors[0].pointer"), topic);
        }
        JsonPath byId = Fixtures.admin().contentType(ContentType.JSON).body("{\"show\": \"" + show + "\", \"episodes\": ["
                        + "{\"guid\": \"r-2\", \"title\": \"R\", \"guests\": [{\"id\": -4, \"role\": \"guest\"}]}]}")
                .post("/v1/imports/episodes").then().statusCode(400).contentType(PROBLEM).extract().jsonPath();
        assertEquals("/episodes/0/guests/0/id", byId.getString("results[0].problem.errors[0].pointer"));
        refusedField(Fixtures.admin().contentType(ContentType.JSON).body("{\"show\": {\"id\": -1}, \"episodes\": []}")
                .post("/v1/imports/episodes").then(), "/show");
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
    }
}
