package fm.catalog.embed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The guest and episode cards as a partner site's iframe gets them. */
@QuarkusTest
class EmbedTest {

    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldShowAGuestCardWithEveryTextEscapedAndOnlyTheJsonLdBlockAsScript() throws Exception {
        String slug = Fixtures.unique("card");
        Fixtures.create("guests", Map.of("slug", slug, "name", "Ann \"Ace\" <b>Lee</b> & Co", "headline", "Writes </script> tags",
                "organization", "Acme & Sons", "bio", "Her bio: " + HOSTILE, "imageUrl", "https://img.example.org/ann.jpg"));
        Response card = given().get("/embed/guests/" + slug).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors *"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Frame-Options", nullValue())
                .header("Cache-Control", startsWith("public"))
                .header("ETag", not(nullValue()))
                .extract().response();
        String html = card.asString();
        assertTrue(html.contains("Her bio: &lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("Ann &quot;Ace&quot; &lt;b&gt;Lee&lt;/b&gt; &amp; Co"), html);
        assertTrue(html.contains("Acme &amp; Sons"));
        assertTrue(html.contains("src=\"https://img.example.org/ann.jpg\""));
        List<String> attributes = new ArrayList<>();
        Matcher scripts = SCRIPT.matcher(html);
        String block = null;
        while (scripts.find()) {
            attributes.add(scripts.group(1).trim());
            block = scripts.group(2);
        }
        assertEquals(List.of("type=\"application/ld+json\""), attributes, "the one script element is the data block");
        assertFalse(block.contains("<") || block.contains(">"), "no catalog text can close the block: " + block);
        JsonNode person = json.readTree(block);
        assertEquals("Person", person.get("@type").asText());
        assertEquals("Ann \"Ace\" <b>Lee</b> & Co", person.get("name").asText());
        assertEquals("Writes </script> tags", person.get("jobTitle").asText());
        assertEquals("Acme & Sons", person.at("/worksFor/name").asText());
        assertTrue(html.contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"http://localhost:8080/oembed?format=json&amp;url=http%3A%2F%2Flocalhost%3A8080%2Fembed%2Fguests%2F" + slug + "\""), html);

        given().header("If-None-Match", card.header("ETag")).get("/embed/guests/" + slug).then().statusCode(304);
    }

    @Test
    void shouldListTheGuestsLatestPublishedEpisodesLinkingToTheirPages() {
        String guest = Fixtures.guest("Latest " + Fixtures.unique("g")).getString("slug");
        String show = Fixtures.show().getString("slug");
        List<String> slugs = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            slugs.add(Fixtures.episode(show, Map.of("title", "Day " + day, "publishedAt", "2024-04-0" + day + "T08:00:00Z",
                    "guests", List.of(Fixtures.credit(guest, "guest")))).getString("slug"));
        }
        Fixtures.episode(show, Map.of("title", "Still a draft", "status", "draft", "guests", List.of(Fixtures.credit(guest, "guest"))));
        Fixtures.episode(show, Map.of("title", "Not yet due", "status", "scheduled",
                "publishedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "guests", List.of(Fixtures.credit(guest, "guest"))));
        String html = given().get("/embed/guests/" + guest).then().statusCode(200).extract().asString();
        List<String> titles = new ArrayList<>();
        Matcher item = Pattern.compile("<li><a href=\"([^\"]+)\"[^>]*>([^<]+)</a>").matcher(html);
        List<String> hrefs = new ArrayList<>();
        while (item.find()) {
            hrefs.add(item.group(1));
            titles.add(item.group(2));
        }
        assertEquals(List.of("Day 7", "Day 6", "Day 5", "Day 4", "Day 3"), titles);
        assertEquals("http://localhost:8080/embed/episodes/" + slugs.get(6), hrefs.get(0), "the default page of an episode is its card");
        assertFalse(html.contains("Still a draft") || html.contains("Not yet due"));
        // a key sees drafts in the API, but the card is for the public: a keyed request is never a public answer
        Fixtures.admin().get("/embed/guests/" + guest).then().statusCode(200).header("Cache-Control", "private, no-store");
    }

    @Test
    void shouldShowTheChangeOfAGuestAtOnce() {
        String guest = Fixtures.guest("Before Rename").getString("slug");
        given().get("/embed/guests/" + guest).then().statusCode(200).body(containsString("Before Rename"));
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("name", "After Rename"))
                .patch("/v1/guests/" + guest).then().statusCode(200);
        given().get("/embed/guests/" + guest).then().statusCode(200)
                .body(containsString(">After Rename</a>")).body(not(containsString(">Before Rename<")));
    }

    @Test
    void shouldAnswerAnUnknownGuestOrEpisodeWithAnHtmlPage() {
        for (String path : List.of("/embed/guests/nobody-at-all", "/embed/episodes/nothing-at-all", "/embed/guests/999999999")) {
            String html = given().accept("text/html").get(path).then().statusCode(404).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("frame-ancestors *"))
                    .extract().asString();
            assertTrue(html.contains("<h1>Not found</h1>"), html);
        }
    }

    /** What the edge or Quarkus REST refuses before the resource runs is the same page, not JSON an iframe would show as text. */
    @Test
    void shouldAnswerTheEdgesProblemsWithAnHtmlPage() {
        String guest = Fixtures.guest("Edge Page Guest").getString("slug");
        List<Response> refused = List.of(
                given().queryParam("x", "a".repeat(8200)).get("/embed/guests/" + guest).then().statusCode(414).extract().response(),
                given().header("X-Filler", "b".repeat(17_000)).get("/embed/guests/" + guest).then().statusCode(431).extract().response(),
                given().get("/embed/nothing/at/all").then().statusCode(404).extract().response(),
                // and what Quarkus REST refuses before the resource runs
                given().post("/embed/guests/" + guest).then().statusCode(405).extract().response());
        for (Response response : refused) {
            assertTrue(response.contentType().startsWith("text/html"), response.contentType());
            assertTrue(response.header("Content-Security-Policy").contains("frame-ancestors *"), response.headers().toString());
            assertEquals("no-store", response.header("Cache-Control"));
            assertTrue(response.asString().contains("<h1>"), response.asString());
        }
        assertTrue(refused.get(0).asString().contains("<h1>URI too long</h1>"), refused.get(0).asString());
        // the API's own paths keep their JSON problems, and so does a client under /embed/ that takes no HTML
        given().queryParam("x", "a".repeat(8200)).get("/v1/guests/" + guest).then().statusCode(414).contentType("application/problem+json");
        given().accept("application/json").queryParam("x", "a".repeat(8200)).get("/embed/guests/" + guest).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414));
        given().accept("application/json").get("/embed/guests/" + guest).then().statusCode(406)
                .contentType("application/problem+json").body("status", equalTo(406));
    }

    @Test
    void shouldShowAnEpisodeCardWithItsCreditsAndAudio() throws Exception {
        String show = Fixtures.show().getString("slug");
        String host = Fixtures.guest("Hosting Harry").getString("slug");
        String guest = Fixtures.guest("Guesting Gwen").getString("slug");
        String slug = Fixtures.episode(show, Map.of("title", "Mistakes & <lessons>", "summary", "About " + HOSTILE, "number", 198,
                "durationSeconds", 2712, "audio", Map.of("url", "https://cdn.example.org/198.mp3", "mimeType", "audio/mpeg", "sizeBytes", 1234),
                "guests", List.of(Fixtures.credit(host, "host"), Fixtures.credit(guest, "guest")))).getString("slug");
        String html = given().get("/embed/episodes/" + slug).then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors *")).extract().asString();
        assertTrue(html.contains("Mistakes &amp; &lt;lessons&gt;"));
        assertTrue(html.contains("About &lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("45 min"), html);
        assertTrue(html.contains("<audio controls preload=\"none\" src=\"https://cdn.example.org/198.mp3\">"));
        assertTrue(html.contains(">Hosting Harry</a> <span class=\"meta\">host</span>"), html);
        assertTrue(html.contains(">Guesting Gwen</a> <span class=\"meta\">guest</span>"), html);
        Matcher block = SCRIPT.matcher(html);
        assertTrue(block.find());
        JsonNode episode = json.readTree(block.group(2));
        assertEquals("PodcastEpisode", episode.get("@type").asText());
        assertEquals(198, episode.get("episodeNumber").asInt());
        assertFalse(block.find(), "one script element");

        String draft = Fixtures.episode(show, Map.of("status", "draft")).getString("slug");
        given().get("/embed/episodes/" + draft).then().statusCode(404).contentType(containsString("text/html"));
    }
}
