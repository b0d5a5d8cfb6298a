package fm.catalog.embed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** oEmbed 1.0 for the guest and episode URLs of this catalog (base URL http://localhost:8080 in tests). */
@QuarkusTest
class OEmbedTest {

    private static final String BASE = "http://localhost:8080";

    @Test
    void shouldAnswerAGuestUrlWithARichIframe() {
        String slug = Fixtures.create("guests", Map.of("slug", Fixtures.unique("oe"), "name", "Zoë \"Z\" <Zed>",
                "imageUrl", "https://img.example.org/z.png")).getString("slug");
        JsonPath answer = given().queryParam("url", BASE + "/embed/guests/" + slug).queryParam("format", "json")
                .get("/oembed").then().statusCode(200).contentType(containsString("application/json"))
                .extract().jsonPath();
        assertEquals("1.0", answer.getString("version"));
        assertEquals("rich", answer.getString("type"));
        assertEquals("Zoë \"Z\" <Zed>", answer.getString("title"));
        assertEquals("Podcast Catalog", answer.getString("provider_name"));
        assertEquals(BASE, answer.getString("provider_url"));
        assertEquals("https://img.example.org/z.png", answer.getString("thumbnail_url"));
        assertEquals(480, answer.getInt("width"));
        assertEquals(420, answer.getInt("height"));
        String html = answer.getString("html");
        assertTrue(html.startsWith("<iframe src=\"" + BASE + "/embed/guests/" + slug + "\" width=\"480\" height=\"420\""), html);
        assertTrue(html.contains("title=\"Zoë &quot;Z&quot; &lt;Zed&gt;\""), "the title is escaped: " + html);
        assertTrue(html.endsWith("></iframe>"));
    }

    @Test
    void shouldHonourMaxwidthAndMaxheight() {
        String slug = Fixtures.guest("Narrow Nell").getString("slug");
        JsonPath answer = given().queryParam("url", BASE + "/v1/guests/" + slug).queryParam("maxwidth", 300).queryParam("maxheight", 250)
                .get("/oembed").then().statusCode(200).extract().jsonPath();
        assertEquals(300, answer.getInt("width"));
        assertEquals(250, answer.getInt("height"));
        assertTrue(answer.getString("html").contains("width=\"300\" height=\"250\""));
        // larger bounds than the card needs leave it at its own size
        JsonPath roomy = given().queryParam("url", BASE + "/embed/guests/" + slug).queryParam("maxwidth", 2000)
                .get("/oembed").then().statusCode(200).extract().jsonPath();
        assertEquals(480, roomy.getInt("width"));
    }

    @Test
    void shouldAnswerAnEpisodeUrlWithItsShowAsAuthor() {
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of("title", "Embeddable"));
        JsonPath answer = given().queryParam("url", BASE + "/embed/episodes/" + episode.getString("id"))
                .get("/oembed").then().statusCode(200).extract().jsonPath();
        assertEquals("Embeddable", answer.getString("title"));
        assertEquals("Show " + show, answer.getString("author_name"));
        assertTrue(answer.getString("html").contains("src=\"" + BASE + "/embed/episodes/" + episode.getString("slug") + "\""));
        assertEquals(320, answer.getInt("height"));
    }

    @Test
    void shouldRefuseWhatItDoesNotKnowOrOffer() {
        String slug = Fixtures.guest("Known Kim").getString("slug");
        String draft = Fixtures.episode(Fixtures.show().getString("slug"), Map.of("status", "draft")).getString("slug");
        for (String url : List.of("https://elsewhere.example.org/embed/guests/" + slug, BASE + "/embed/guests/nobody-known",
                BASE + "/embed/shows/" + slug, BASE + ":8081/embed/guests/" + slug, "not a url at all", BASE + "/embed/episodes/" + draft)) {
            given().queryParam("url", url).get("/oembed").then().statusCode(404).contentType(containsString("application/problem+json"))
                    .body("status", equalTo(404));
        }
        given().queryParam("url", BASE + "/embed/guests/" + slug).queryParam("format", "xml").get("/oembed")
                .then().statusCode(501).contentType(containsString("application/problem+json"));
        given().get("/oembed").then().statusCode(400).body("errors[0].parameter", equalTo("url"));
        given().queryParam("url", BASE + "/embed/guests/" + slug).queryParam("maxwidth", "wide").get("/oembed")
                .then().statusCode(400).body("errors[0].parameter", equalTo("maxwidth"));
        given().queryParam("url", BASE + "/embed/guests/" + slug).queryParam("maxheight", 0).get("/oembed")
                .then().statusCode(400).body("errors[0].parameter", equalTo("maxheight"));
    }
}
