package fm.catalog.link;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LinkResourceTest {

    @Test
    void shouldCreateLinkOwnedByEpisodeAndShowItInTheEpisode() {
        String show = Fixtures.show().getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of());
        JsonPath link = Fixtures.admin().contentType(ContentType.JSON)
                .body(Map.of("kind", "transcript", "title", "Transcript", "url", "https://example.org/t.txt",
                        "episode", Map.of("id", episode.getLong("id"))))
                .post("/v1/links").then().statusCode(201)
                .body("episode.id", equalTo(episode.getInt("id"))).body("guest", nullValue()).body("position", equalTo(0))
                .extract().jsonPath();
        given().get("/v1/episodes/" + episode.getString("slug")).then().body("links.id", equalTo(List.of(link.getInt("id"))));
        given().queryParam("episode", episode.getString("slug")).get("/v1/links").then().body("items.id", equalTo(List.of(link.getInt("id"))));
        given().get("/v1/links/" + link.getString("slug")).then().statusCode(200).body("kind", equalTo("transcript"));
    }

    @Test
    void shouldRequireExactlyOneOwner() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Owner").getString("slug");
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("kind", "other", "url", "https://example.org"))
                .post("/v1/links").then().statusCode(400).body("errors[0].pointer", equalTo("/episode"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("kind", "other", "url", "https://example.org", "show", show, "guest", guest))
                .post("/v1/links").then().statusCode(400);
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("kind", "other", "url", "https://example.org", "show", "nope-no-show"))
                .post("/v1/links").then().statusCode(400).body("errors[0].pointer", equalTo("/show"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("kind", "podcast", "url", "https://example.org", "show", show))
                .post("/v1/links").then().statusCode(400).body("errors[0].pointer", equalTo("/kind"));
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("kind", "other", "url", "mailto:someone@example.org", "show", show))
                .post("/v1/links").then().statusCode(400).body("errors[0].pointer", equalTo("/url"));
    }

    @Test
    void shouldMoveLinkToAnotherOwnerWithPutAndPatchIt() {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("New owner").getString("slug");
        JsonPath link = Fixtures.create("links", Map.of("kind", "website", "url", "https://example.org/home", "show", show));
        Map<String, Object> body = given().get("/v1/links/" + link.getString("id")).then().extract().jsonPath().getMap("");
        body.remove("show");
        body.put("guest", guest);
        Fixtures.admin().contentType(ContentType.JSON).body(body).put("/v1/links/" + link.getString("id"))
                .then().statusCode(200).body("guest.slug", equalTo(guest)).body("show", nullValue());
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Home page"))
                .patch("/v1/links/" + link.getString("id")).then().statusCode(200).body("title", equalTo("Home page"))
                .body("guest.slug", equalTo(guest));
        Fixtures.admin().delete("/v1/links/" + link.getString("id")).then().statusCode(204);
    }
}
