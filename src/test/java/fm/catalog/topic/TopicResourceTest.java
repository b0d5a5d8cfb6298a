package fm.catalog.topic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TopicResourceTest {

    @Test
    void shouldCreateReplacePatchAndDeleteTopic() {
        JsonPath topic = Fixtures.create("topics", Map.of("name", "Organizational Learning " + Fixtures.unique("t")));
        String ref = topic.getString("id");
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("name", "Learning", "description", "From mistakes"))
                .put("/v1/topics/" + ref).then().statusCode(200).body("name", equalTo("Learning")).body("slug", equalTo(topic.getString("slug")));
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("description", "Edited"))
                .patch("/v1/topics/" + ref).then().statusCode(200).body("name", equalTo("Learning")).body("description", equalTo("Edited"));
        Fixtures.admin().delete("/v1/topics/" + ref).then().statusCode(204);
        given().get("/v1/topics/" + ref).then().statusCode(404);
    }

    @Test
    void shouldDetachTopicFromEpisodes() {
        String show = Fixtures.show().getString("slug");
        String keep = Fixtures.topic("Keep").getString("slug");
        String drop = Fixtures.topic("Drop").getString("slug");
        JsonPath episode = Fixtures.episode(show, Map.of("topics", List.of(keep, drop)));
        given().get("/v1/topics/" + drop).then().body("episodeCount", equalTo(1));
        Fixtures.admin().delete("/v1/topics/" + drop).then().statusCode(409);
        Fixtures.admin().queryParam("detach", "true").delete("/v1/topics/" + drop).then().statusCode(204);
        given().get("/v1/episodes/" + episode.getString("id")).then().body("topics.slug", equalTo(List.of(keep)));
        Fixtures.admin().queryParam("detach", "maybe").delete("/v1/topics/" + keep).then().statusCode(400);
    }

    @Test
    void shouldListTopicsByNameAndSearch() {
        String word = "qq" + Fixtures.unique("w").replace("-", "");
        JsonPath topic = Fixtures.create("topics", Map.of("name", "Retrospectives " + word));
        given().queryParam("q", word).get("/v1/topics").then().statusCode(200).body("items.id", equalTo(List.of(topic.getInt("id"))));
        String prefix = "Ordered " + word + " ";
        List<Integer> ids = new java.util.ArrayList<>();
        for (String letter : List.of("b", "a", "c")) {
            ids.add(Fixtures.create("topics", Map.of("name", prefix + letter)).getInt("id"));
        }
        // q is fuzzy: "Retrospectives <word>" shares the long word, so it is found too, but ranks below
        // the three that match both words (equally well, so newest id first)
        List<Integer> listed = given().queryParam("q", "ordered " + word).queryParam("limit", 100).get("/v1/topics")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0), topic.getInt("id")), listed, "by relevance");
        List<Integer> byName = given().queryParam("q", "ordered " + word).queryParam("sort", "name").queryParam("limit", 100)
                .get("/v1/topics").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(List.of(ids.get(1), ids.get(0), ids.get(2), topic.getInt("id")), byName, "by name");
    }
}
