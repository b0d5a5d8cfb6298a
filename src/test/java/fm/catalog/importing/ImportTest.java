package fm.catalog.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest {

    private static Map<String, Object> item(String guid, String title, Object... extra) {
        Map<String, Object> item = new HashMap<>(Map.of("guid", guid, "title", title, "status", "published",
                "publishedAt", "2024-05-01T08:00:00Z"));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            item.put((String) extra[i], extra[i + 1]);
        }
        return item;
    }

    private static JsonPath importing(String show, List<Map<String, Object>> items, Object... options) {
        Map<String, Object> body = new HashMap<>(Map.of("show", show, "episodes", items));
        for (int i = 0; i + 1 < options.length; i += 2) {
            body.put((String) options[i], options[i + 1]);
        }
        return Fixtures.admin().contentType(ContentType.JSON).body(body).post("/v1/imports/episodes")
                .then().extract().jsonPath();
    }

    @Test
    void shouldCreateThenLeaveUnchangedThenUpdateByGuid() {
        String show = Fixtures.show().getString("slug");
        String known = Fixtures.guest("Known Guest").getString("slug");
        String newName = "Imported Person " + Fixtures.unique("p");
        List<Map<String, Object>> items = List.of(
                item("g-1", "First", "guests", List.of(Map.of("ref", known, "role", "guest"), Map.of("name", newName, "role", "host")),
                        "topics", List.of(Map.of("name", "Imported topic " + show)), "chapters", Fixtures.chapters("Intro"),
                        "links", List.of(Map.of("kind", "video", "url", "https://example.org/v1"))),
                item("g-2", "Second", "guests", List.of(Map.of("name", newName, "role", "guest"))),
                item("g-3", "Third", "number", 3));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items)).post("/v1/imports/episodes")
                .then().statusCode(200).body("created", equalTo(3)).body("updated", equalTo(0)).body("failed", equalTo(0))
                .body("results.status", equalTo(List.of("created", "created", "created")));
        JsonPath first = given().get("/v1/episodes?show=" + show + "&guid=g-1").then().extract().jsonPath();
        assertEquals(List.of("Known Guest", newName), first.getList("items[0].guests.name"));
        JsonPath second = given().get("/v1/episodes?show=" + show + "&guid=g-2").then().extract().jsonPath();
        assertEquals(first.getLong("items[0].guests[1].id"), second.getLong("items[0].guests[0].id"), "one new guest, matched by slug");

        JsonPath again = importing(show, items);
        assertEquals(List.of("unchanged", "unchanged", "unchanged"), again.getList("results.status"));
        assertEquals(3, again.getInt("unchanged"));
        given().get("/v1/episodes?show=" + show + "&guid=g-1").then().body("items[0].version", equalTo(first.getInt("items[0].version")));

        List<Map<String, Object>> changed = new ArrayList<>(items);
        changed.set(2, item("g-3", "Third, retitled", "number", 3));
        JsonPath third = importing(show, changed);
        assertEquals(List.of("unchanged", "unchanged", "updated"), third.getList("results.status"));
        given().get("/v1/episodes?show=" + show + "&guid=g-3").then().body("items[0].title", equalTo("Third, retitled"));
    }

    @Test
    void shouldWriteNothingWhenOneEpisodeOfAnAtomicImportIsBad() {
        String show = Fixtures.show().getString("slug");
        String name = "Never Created " + Fixtures.unique("n");
        List<Map<String, Object>> items = List.of(
                item("a-1", "Good", "guests", List.of(Map.of("name", name, "role", "guest"))),
                item("a-2", "Bad", "guests", List.of(Map.of("ref", "nobody-known-here", "role", "guest"))),
                item("a-3", ""));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items)).post("/v1/imports/episodes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("failed", equalTo(2)).body("created", equalTo(0))
                .body("results.status", equalTo(List.of("skipped", "failed", "failed")))
                .body("results[1].problem.errors[0].pointer", equalTo("/episodes/1/guests/0"))
                .body("results[2].problem.errors[0].pointer", equalTo("/episodes/2/title"));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
        given().queryParam("q", name).get("/v1/guests").then().body("items", hasSize(0));
    }

    @Test
    void shouldWriteTheGoodEpisodesWhenNotAtomic() {
        String show = Fixtures.show().getString("slug");
        // a bad enum value is a malformed body: the whole request is refused before any episode is read
        Fixtures.admin().contentType(ContentType.JSON)
                .body(Map.of("show", show, "atomic", false, "episodes", List.of(item("n-1", "Good"), item("n-2", "Bad", "type", "movie"))))
                .post("/v1/imports/episodes").then().statusCode(400).body("errors[0].pointer", equalTo("/episodes/1/type"));
        JsonPath partial = importing(show, List.of(item("n-1", "Good"), item("n-2", "x".repeat(301))), "atomic", false);
        assertEquals(1, partial.getInt("created"));
        assertEquals(1, partial.getInt("failed"));
        assertEquals(List.of("created", "failed"), partial.getList("results.status"));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items.title", equalTo(List.of("Good")));
    }

    @Test
    void shouldReportWithoutWritingOnDryRun() {
        String show = Fixtures.show().getString("slug");
        String name = "Dry Guest " + Fixtures.unique("d");
        JsonPath dry = importing(show, List.of(item("d-1", "Dry", "guests", List.of(Map.of("name", name, "role", "guest")),
                "topics", List.of(Map.of("name", name))), item("d-2", "Run")), "dryRun", true);
        assertEquals(2, dry.getInt("created"));
        assertEquals(true, dry.getBoolean("dryRun"));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
        given().queryParam("q", name).get("/v1/guests").then().body("items", hasSize(0));
        given().queryParam("q", name).get("/v1/topics").then().body("items", hasSize(0));
        // nor does a dry run change an episode that exists
        importing(show, List.of(item("d-1", "Dry")));
        importing(show, List.of(item("d-1", "Dry, changed")), "dryRun", true);
        given().get("/v1/episodes?show=" + show + "&guid=d-1").then().body("items[0].title", equalTo("Dry")).body("items[0].version", equalTo(0));
    }

    @Test
    void shouldNameANullEpisodeInsteadOfFailing() {
        String show = Fixtures.show().getString("slug");
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(item("ok-1", "Fine"));
        items.add(null);
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items)).post("/v1/imports/episodes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("results[1].status", equalTo("failed"))
                .body("results[1].problem.errors[0].pointer", equalTo("/episodes/1"));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));

        List<Map<String, Object>> withNullChapter = new ArrayList<>();
        withNullChapter.add(item("ok-2", "Fine too"));
        List<Object> chapters = new ArrayList<>();
        chapters.add(null);
        withNullChapter.add(item("bad-2", "Null chapter", "chapters", chapters));
        JsonPath partial = importing(show, withNullChapter, "atomic", false);
        assertEquals(List.of("created", "failed"), partial.getList("results.status"));
        assertEquals("/episodes/1/chapters/0", partial.getString("results[1].problem.errors[0].pointer"));
    }

    @Test
    void shouldRefuseMoreThanAThousandEpisodes() {
        String show = Fixtures.show().getString("slug");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(Map.of("guid", "x-" + i, "title", "T"));
        }
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items)).post("/v1/imports/episodes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/episodes"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", "no-such-show-here", "episodes", List.of()))
                .post("/v1/imports/episodes").then().statusCode(400).body("errors[0].pointer", equalTo("/show"));
        given().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", List.of())).post("/v1/imports/episodes")
                .then().statusCode(401);
    }

    @Test
    void shouldLetParallelImportsCreateTheSameNewGuestOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = "Parallel Guest " + Fixtures.unique("p");
            List<String> shows = List.of(Fixtures.show().getString("slug"), Fixtures.show().getString("slug"));
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (String show : shows) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return Fixtures.admin().contentType(ContentType.JSON)
                            .body(Map.of("show", show, "episodes", List.of(item("par-1", "Parallel", "guests",
                                    List.of(Map.of("name", name, "role", "guest"))))))
                            .post("/v1/imports/episodes").statusCode();
                }));
            }
            start.countDown();
            for (var status : statuses) {
                assertEquals(200, status.get());
            }
            pool.shutdown();
            List<Object> guestIds = new ArrayList<>();
            for (String show : shows) {
                guestIds.add(given().get("/v1/episodes?show=" + show).then().extract().jsonPath().get("items[0].guests[0].id"));
            }
            assertEquals(guestIds.get(0), guestIds.get(1), "one guest, made by whichever import came first");
        }
    }

    static String feed(String items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                     xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
                  <channel><title>Feed</title>
                """ + items + "</channel></rss>";
    }

    static final String ITEM_198 = """
            <item>
              <title>CTO Kevin Goldsmith on Leveraging Failure</title>
              <guid isPermaLink="false">mfm-198</guid>
              <pubDate>Mon, 16 Jan 2023 09:00:00 +0000</pubDate>
              <description>Kevin tells his favorite mistake story &amp; more.</description>
              <content:encoded><![CDATA[<p>Full show notes</p>]]></content:encoded>
              <enclosure url="https://audio.example.org/198.mp3" type="audio/mpeg" length="38000000"/>
              <itunes:duration>40:05</itunes:duration>
              <itunes:episode>198</itunes:episode>
              <itunes:season>2</itunes:season>
              <itunes:episodeType>full</itunes:episodeType>
              <itunes:explicit>false</itunes:explicit>
              <itunes:image href="https://img.example.org/198.jpg"/>
              <podcast:person role="host" href="https://www.markgraban.com">Mark Graban</podcast:person>
              <podcast:person role="guest" img="https://img.example.org/kevin.jpg">Kevin Goldsmith RSS</podcast:person>
              <podcast:chapters url="https://example.org/198/chapters.json" type="application/json+chapters"/>
              <podcast:transcript url="https://example.org/198/transcript.vtt" type="text/vtt"/>
            </item>
            """;

    @Test
    void shouldKeepTheIdsAndSlugsOfLinksAnUpdatedEpisodeNamesAgain() {
        String show = Fixtures.show().getString("slug");
        Map<String, Object> a = Map.of("kind", "video", "title", "Watch", "url", "https://example.org/watch");
        Map<String, Object> b = Map.of("kind", "blog", "title", "Read", "url", "https://example.org/read");
        importing(show, List.of(item("l-1", "Links", "links", List.of(a, b))));
        JsonPath before = given().get("/v1/episodes?show=" + show + "&guid=l-1").then().extract().jsonPath();
        Map<String, Object> c = Map.of("kind", "website", "title", "Watch", "url", "https://example.org/new");
        JsonPath again = importing(show, List.of(item("l-1", "Links, retitled", "links", List.of(c, b, a))));
        assertEquals(List.of("updated"), again.getList("results.status"));
        JsonPath after = given().get("/v1/episodes?show=" + show + "&guid=l-1").then().extract().jsonPath();
        assertEquals(List.of("https://example.org/new", "https://example.org/read", "https://example.org/watch"), after.getList("items[0].links.url"));
        assertEquals(before.getList("items[0].links.id").get(0), after.getList("items[0].links.id").get(2));
        assertEquals(before.getList("items[0].links.slug").get(0), after.getList("items[0].links.slug").get(2));
        assertEquals(before.getList("items[0].links.id").get(1), after.getList("items[0].links.id").get(1));
        assertEquals(before.getList("items[0].links.slug").get(1), after.getList("items[0].links.slug").get(1));
        // the new link titled like a kept one does not take its slug
        assertEquals(3, new java.util.HashSet<>(after.getList("items[0].links.slug")).size());
    }

    @Test
    void shouldRefuseSlugsTakenElsewhereAsASingleWriteDoes() {
        String word = Fixtures.unique("asked");
        Map<String, Object> ownLink = Map.of("kind", "blog", "url", "https://example.org/" + word, "slug", word + "-link");
        String other = Fixtures.show().getString("slug");
        importing(other, List.of(item("s-1", "Elsewhere", "slug", word, "links", List.of(ownLink))));
        String show = Fixtures.show().getString("slug");
        // atomic: the episodes asking for a taken slug are named, and nothing is written
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", List.of(
                        item("s-1", "Mine", "slug", word),
                        item("s-2", "Link", "links", List.of(Map.of("kind", "blog", "url", "https://example.org/mine", "slug", word + "-link"))),
                        item("s-3", "Asked", "slug", word + "-new"),
                        item("s-4", "Asked again", "slug", word + "-new"))))
                .post("/v1/imports/episodes").then().statusCode(400)
                .body("results.status", equalTo(List.of("failed", "failed", "skipped", "failed")))
                .body("results[0].problem.errors[0].pointer", equalTo("/episodes/0/slug"))
                .body("results[0].problem.errors[0].message", containsString("already used by another episode"))
                .body("results[1].problem.errors[0].pointer", equalTo("/episodes/1/links/0/slug"))
                .body("results[3].problem.errors[0].pointer", equalTo("/episodes/3/slug"));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
        // a slug asked for is given as asked, even when an earlier episode's title makes the same
        JsonPath done = importing(show, List.of(item("s-5", word + " new"), item("s-3", "Asked", "slug", word + "-new")));
        assertEquals(List.of(word + "-new-2", word + "-new"), done.getList("results.slug"));
        // an episode imported again may ask for the slug its link has
        JsonPath again = importing(other, List.of(item("s-1", "Elsewhere", "slug", word, "links", List.of(ownLink))));
        assertEquals(List.of("unchanged"), again.getList("results.status"));
    }

    @Test
    void shouldFailOnlyTheEpisodeAskingForATakenSlugWhenNotAtomic() {
        String word = Fixtures.unique("taken");
        importing(Fixtures.show().getString("slug"), List.of(item("t-1", "Elsewhere", "slug", word)));
        String show = Fixtures.show().getString("slug");
        String guest = "Not Created " + Fixtures.unique("g");
        JsonPath partial = importing(show, List.of(item("t-1", "Mine", "slug", word, "guests", List.of(Map.of("name", guest, "role", "guest"))),
                item("t-2", "Free")), "atomic", false);
        assertEquals(List.of("failed", "created"), partial.getList("results.status"));
        assertEquals("/episodes/0/slug", partial.getString("results[0].problem.errors[0].pointer"));
        given().queryParam("q", guest).get("/v1/guests").then().body("items", hasSize(0));
    }

    @Test
    void shouldCreateNoGuestForAnEpisodeThatFailsOnItsTopics() {
        String show = Fixtures.show().getString("slug");
        String guest = "Never Made " + Fixtures.unique("g");
        JsonPath partial = importing(show, List.of(
                item("f-1", "Bad topic", "guests", List.of(Map.of("name", guest, "role", "guest")), "topics", List.of(Map.of("ref", "no-such-topic-x"))),
                item("f-2", "Fine")), "atomic", false);
        assertEquals(List.of("failed", "created"), partial.getList("results.status"));
        assertEquals("/episodes/0/topics/0", partial.getString("results[0].problem.errors[0].pointer"));
        given().queryParam("q", guest).get("/v1/guests").then().body("items", hasSize(0));
    }

    @Test
    void shouldLetALinkKeepItsOwnSlugButNotGiveItTwice() {
        String show = Fixtures.show().getString("slug");
        String slug = Fixtures.unique("own-link");
        Map<String, Object> link = Map.of("kind", "blog", "url", "https://example.org/" + slug, "slug", slug);
        importing(show, List.of(item("k-1", "Linked", "links", List.of(link))));
        JsonPath retitled = importing(show, List.of(item("k-1", "Linked, retitled", "links", List.of(link))));
        assertEquals(List.of("updated"), retitled.getList("results.status"));
        given().get("/v1/episodes?show=" + show + "&guid=k-1").then().body("items[0].links.slug", equalTo(List.of(slug)));
        // the first link with that URL keeps the slug; a second one may not ask for it too
        Map<String, Object> sameUrl = Map.of("kind", "blog", "url", "https://example.org/" + slug);
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", List.of(item("k-1", "Linked", "links", List.of(sameUrl, link)))))
                .post("/v1/imports/episodes").then().statusCode(400)
                .body("results[0].problem.errors[0].pointer", equalTo("/episodes/0/links/1/slug"));
    }

    @Test
    void shouldRefuseWhatNamesNothingWhereItWasSaid() {
        Fixtures.admin().contentType(ContentType.JSON).body("null").post("/v1/imports/episodes")
                .then().statusCode(400).contentType("application/problem+json");
        Fixtures.admin().contentType("application/rss+xml").body(feed("")).queryParam("show", "no-such-show-here").post("/v1/imports/rss")
                .then().statusCode(400).body("errors[0].parameter", equalTo("show"));
        String show = Fixtures.show().getString("slug");
        // a guest with a blank name describes no one: the episode fails instead of creating a nameless guest
        JsonPath blank = importing(show, List.of(item("b-1", "Blank guest", "guests",
                List.of(Map.of("slug", "blank-" + Fixtures.unique("g"), "name", "  ", "role", "guest")))), "atomic", false);
        assertEquals(List.of("failed"), blank.getList("results.status"));
        // an episode that fails creates no guest, atomic or not
        String name = "Never Made " + Fixtures.unique("n");
        JsonPath failing = importing(show, List.of(item("s-1", "Scheduled without a date", "status", "scheduled", "publishedAt", null,
                "guests", List.of(Map.of("name", name, "role", "guest")))), "atomic", false);
        assertEquals(List.of("failed"), failing.getList("results.status"));
        given().queryParam("q", name).get("/v1/guests").then().body("items", hasSize(0));
    }

    @Test
    void shouldKeepThePublicationDateOfAnEpisodeImportedAgainWithoutOne() {
        String show = Fixtures.show().getString("slug");
        List<Map<String, Object>> items = List.of(Map.of("guid", "undated-1", "title", "No date given", "status", "published"));
        importing(show, items);
        String first = given().get("/v1/episodes?show=" + show + "&guid=undated-1").then().extract().path("items[0].publishedAt");
        JsonPath again = importing(show, items);
        assertEquals(List.of("unchanged"), again.getList("results.status"));
        given().get("/v1/episodes?show=" + show + "&guid=undated-1").then().body("items[0].publishedAt", equalTo(first))
                .body("items[0].version", equalTo(0));
    }

    @Test
    void shouldImportAnRssFeedAndReimportItUnchanged() {
        String show = Fixtures.show().getString("slug");
        String body = feed(ITEM_198 + "<item><title>Trailer</title><guid>mfm-0</guid><itunes:episodeType>trailer</itunes:episodeType>"
                + "<pubDate>Sun, 01 Jan 2023 09:00:00 GMT</pubDate></item>");
        Fixtures.admin().contentType("application/rss+xml").body(body).queryParam("show", show).post("/v1/imports/rss")
                .then().statusCode(200).body("created", equalTo(2));
        given().get("/v1/episodes?show=" + show + "&guid=mfm-198").then()
                .body("items[0].number", equalTo(198)).body("items[0].season", equalTo(2))
                .body("items[0].durationSeconds", equalTo(2405))
                .body("items[0].publishedAt", equalTo("2023-01-16T09:00:00Z"))
                .body("items[0].audio.sizeBytes", equalTo(38000000))
                .body("items[0].imageUrl", equalTo("https://img.example.org/198.jpg"))
                .body("items[0].description", equalTo("<p>Full show notes</p>"))
                .body("items[0].guests.name", equalTo(List.of("Mark Graban", "Kevin Goldsmith RSS")))
                .body("items[0].guests.role", equalTo(List.of("host", "guest")))
                .body("items[0].guests[1].imageUrl", equalTo("https://img.example.org/kevin.jpg"))
                .body("items[0].links.kind", equalTo(List.of("other", "transcript")));
        given().get("/v1/episodes?show=" + show + "&guid=mfm-0").then().body("items[0].type", equalTo("trailer"));
        Fixtures.admin().contentType("application/rss+xml").body(body).queryParam("show", show).post("/v1/imports/rss")
                .then().statusCode(200).body("unchanged", equalTo(2)).body("created", equalTo(0)).body("updated", equalTo(0));
    }

    @Test
    void shouldRefuseExternalEntities() {
        String show = Fixtures.show().getString("slug");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<rss version=\"2.0\"><channel><item><title>&xxe;</title><guid>x</guid></item></channel></rss>";
        Fixtures.admin().contentType("application/rss+xml").body(xxe).queryParam("show", show).post("/v1/imports/rss")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("DTD"));
        Fixtures.admin().get("/v1/shows/" + show + "/episodes").then().body("items", hasSize(0));
    }

    @Test
    void shouldRefuseEntityExpansionBombs() {
        String show = Fixtures.show().getString("slug");
        StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String bomb = "<?xml version=\"1.0\"?>" + dtd + "<rss version=\"2.0\"><channel><item><title>&lol9;</title><guid>b</guid></item></channel></rss>";
        Fixtures.admin().contentType("application/rss+xml").body(bomb).queryParam("show", show).post("/v1/imports/rss")
                .then().statusCode(400).contentType("application/problem+json");
        Fixtures.admin().contentType("application/rss+xml").body("not xml at all").queryParam("show", show).post("/v1/imports/rss")
                .then().statusCode(400).contentType("application/problem+json");
        Fixtures.admin().contentType("application/rss+xml").body(feed(ITEM_198)).post("/v1/imports/rss")
                .then().statusCode(400).body("errors[0].parameter", equalTo("show"));
    }
}
