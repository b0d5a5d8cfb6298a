package fm.catalog.embed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With catalog.web.* set, cards and JSON-LD link to the partner's own pages; oEmbed still frames the card. */
@QuarkusTest
@TestProfile(EmbedWebUrlsTest.WebPages.class)
class EmbedWebUrlsTest {

    public static class WebPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.web.episode-url", "https://web.example.org/{show}/{slug}?id={id}",
                    "catalog.web.guest-url", "https://web.example.org/people/{slug}",
                    "catalog.web.provider-name", "Example Casts");
        }
    }

    @Test
    void shouldLinkToTheConfiguredPages() {
        String guest = Fixtures.guest("Web Wendy").getString("slug");
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of("title", "On the web", "guests", List.of(Fixtures.credit(guest, "guest"))));
        String episodePage = "https://web.example.org/" + show + "/" + episode.getString("slug") + "?id=" + episode.getString("id");
        String html = given().get("/embed/guests/" + guest).then().statusCode(200).extract().asString();
        assertTrue(html.contains("<a href=\"" + episodePage.replace("&", "&amp;") + "\""), html);
        assertTrue(html.contains("href=\"https://web.example.org/people/" + guest + "\""), html);
        assertTrue(html.contains("Example Casts"));
        JsonPath ld = given().accept("application/ld+json").get("/v1/episodes/" + episode.getString("slug")).then().statusCode(200).extract().jsonPath();
        assertEquals(episodePage, ld.getString("url"));
        assertEquals("https://web.example.org/people/" + guest, ld.getString("actor[0].url"));
        JsonPath oembed = given().queryParam("url", "http://localhost:8080/embed/guests/" + guest).get("/oembed").then().statusCode(200).extract().jsonPath();
        assertEquals("Example Casts", oembed.getString("provider_name"));
        assertTrue(oembed.getString("html").contains("src=\"http://localhost:8080/embed/guests/" + guest + "\""));
    }

    @Test
    void shouldAnswerOEmbedForTheConfiguredPagesToo() {
        String guest = Fixtures.guest("Paste Paula").getString("slug");
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of("title", "Pasted from the address bar"));
        JsonPath forGuest = given().queryParam("url", "https://web.example.org/people/" + guest).get("/oembed")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Paste Paula", forGuest.getString("title"));
        assertTrue(forGuest.getString("html").contains("src=\"http://localhost:8080/embed/guests/" + guest + "\""));
        // the episode template carries the id too: that is what names the episode
        JsonPath forEpisode = given().queryParam("url", "https://web.example.org/" + show + "/" + episode.getString("slug") + "?id=" + episode.getString("id"))
                .get("/oembed").then().statusCode(200).extract().jsonPath();
        assertEquals("Pasted from the address bar", forEpisode.getString("title"));
        for (String unknown : List.of("https://web.example.org/people/" + guest + "/extra", "https://other.example.org/people/" + guest,
                "https://web.example.org/people/no-such-guest-here", "https://web.example.org/" + show + "/x?id=999999999")) {
            given().queryParam("url", unknown).get("/oembed").then().statusCode(404).contentType("application/problem+json");
        }
    }
}
