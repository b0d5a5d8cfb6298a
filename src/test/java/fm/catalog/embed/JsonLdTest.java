package fm.catalog.embed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accept: application/ld+json on a guest, an episode and a show gives schema.org JSON-LD. */
@QuarkusTest
class JsonLdTest {

    private static final String LD = "application/ld+json";

    @Test
    void shouldDescribeAnEpisodeAsAPodcastEpisode() {
        JsonPath show = Fixtures.show();
        String guest = Fixtures.create("guests", Map.of("slug", Fixtures.unique("ld"), "name", "Kevin Goldsmith", "headline", "CTO")).getString("slug");
        String host = Fixtures.guest("Mark Graban").getString("slug");
        String topic = Fixtures.topic("Mistakes").getString("slug");
        String slug = Fixtures.episode(show.getString("slug"), Map.of("title", "Learning from mistakes", "number", 198, "season", 2,
                "publishedAt", "2023-05-01T08:00:00Z", "durationSeconds", 2712, "topics", List.of(topic),
                "audio", Map.of("url", "https://cdn.example.org/198.mp3", "mimeType", "audio/mpeg", "sizeBytes", 4321),
                "guests", List.of(Fixtures.credit(host, "host"), Fixtures.credit(guest, "guest")))).getString("slug");
        Response response = given().accept(LD).get("/v1/episodes/" + slug).then().statusCode(200)
                .contentType(containsString(LD)).header("Cache-Control", containsString("public")).extract().response();
        JsonPath ld = response.jsonPath();
        assertEquals("https://schema.org", ld.getString("'@context'"));
        assertEquals("PodcastEpisode", ld.getString("'@type'"));
        assertEquals("Learning from mistakes", ld.getString("name"));
        assertEquals(198, ld.getInt("episodeNumber"));
        assertEquals("2023-05-01T08:00:00Z", ld.getString("datePublished"));
        assertEquals("PT2712S", ld.getString("timeRequired"));
        assertEquals("PodcastSeries", ld.getString("partOfSeries.'@type'"));
        assertEquals(show.getString("title"), ld.getString("partOfSeries.name"));
        assertEquals(2, ld.getInt("partOfSeason.seasonNumber"));
        assertEquals("https://cdn.example.org/198.mp3", ld.getString("associatedMedia.contentUrl"));
        assertEquals("audio/mpeg", ld.getString("associatedMedia.encodingFormat"));
        assertEquals(List.of("Mark Graban", "Kevin Goldsmith"), ld.getList("actor.name"));
        assertEquals(List.of("host", "guest"), ld.getList("actor.roleName"));
        assertEquals(List.of("Mistakes"), ld.getList("keywords"));

        // the JSON representation is still the default, with an ETag of its own
        Response plain = given().get("/v1/episodes/" + slug).then().statusCode(200).contentType(containsString("application/json"))
                .body(not(containsString("@context"))).extract().response();
        assertNotEquals(plain.header("ETag"), response.header("ETag"));
        given().accept("application/json").get("/v1/episodes/" + slug).then().statusCode(200).body("slug", org.hamcrest.Matchers.equalTo(slug));
        given().accept(LD).header("If-None-Match", response.header("ETag")).get("/v1/episodes/" + slug).then().statusCode(304);
        given().header("If-None-Match", response.header("ETag")).get("/v1/episodes/" + slug).then().statusCode(200);
    }

    @Test
    void shouldDescribeAGuestAsAPersonAndAShowAsAPodcastSeries() {
        String guest = Fixtures.create("guests", Map.of("slug", Fixtures.unique("ld"), "name", "Ada Lovelace", "headline", "Analyst",
                "organization", "Analytical Engines", "websiteUrl", "https://ada.example.org", "bio", "First programmer.")).getString("slug");
        JsonPath person = given().accept(LD).get("/v1/guests/" + guest).then().statusCode(200).contentType(containsString(LD)).extract().jsonPath();
        assertEquals("Person", person.getString("'@type'"));
        assertEquals("Ada Lovelace", person.getString("name"));
        assertEquals("Analyst", person.getString("jobTitle"));
        assertEquals("Analytical Engines", person.getString("worksFor.name"));
        assertEquals(List.of("https://ada.example.org"), person.getList("sameAs"));
        assertEquals("http://localhost:8080/embed/guests/" + guest, person.getString("url"));

        String show = Fixtures.create("shows", Map.of("slug", Fixtures.unique("ld"), "title", "My Favorite Mistake", "author", "Mark Graban",
                "categories", List.of("Business"), "language", "en")).getString("slug");
        JsonPath series = given().accept(LD).get("/v1/shows/" + show).then().statusCode(200).contentType(containsString(LD)).extract().jsonPath();
        assertEquals("PodcastSeries", series.getString("'@type'"));
        assertEquals("My Favorite Mistake", series.getString("name"));
        assertEquals("Mark Graban", series.getString("author.name"));
        assertEquals("http://localhost:8080/feeds/" + show + ".xml", series.getString("webFeed"));
        assertEquals(List.of("Business"), series.getList("genre"));
        given().accept(LD).get("/v1/guests/nobody-here").then().statusCode(404).contentType(containsString("application/problem+json"));
    }
}
