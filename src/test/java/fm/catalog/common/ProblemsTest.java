package fm.catalog.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every error is an RFC 9457 problem, including those no resource method sees. */
@QuarkusTest
class ProblemsTest {

    @Test
    void shouldAnswerUnknownPathWithProblem() {
        given().get("/v1/podcasts").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found")).body("instance", equalTo("/v1/podcasts"))
                .body("type", equalTo("https://podcast-catalog.dev/problems/not-found")).body("detail", equalTo("Nothing is at /v1/podcasts."));
        given().get("/nowhere/at/all").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWrongMethodWithProblem() {
        given().delete("/v1/episodes").then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void shouldAnswerUnacceptableAcceptWithProblem() {
        given().accept("text/csv").get("/v1/shows").then().statusCode(406).contentType("application/problem+json").body("status", equalTo(406));
    }

    @Test
    void shouldAnswerWrongContentTypeWithProblem() {
        Fixtures.admin().contentType(ContentType.TEXT).body("title=x").post("/v1/shows")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void shouldAnswerMissingOrEmptyBodyWithProblem() {
        Fixtures.admin().contentType(ContentType.JSON).post("/v1/shows").then().statusCode(400).contentType("application/problem+json");
        Fixtures.admin().contentType(ContentType.JSON).body("[]").post("/v1/shows").then().statusCode(400).contentType("application/problem+json");
        Fixtures.admin().contentType(ContentType.JSON).body("{\"title\": \"x\"} trailing").post("/v1/shows").then().statusCode(400);
    }

    @Test
    void shouldRefuseCoercedTypes() {
        Fixtures.admin().contentType(ContentType.JSON).body("{\"title\": 12}").post("/v1/shows")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/title"));
        Fixtures.admin().contentType(ContentType.JSON).body("{\"title\": \"x\", \"explicit\": \"yes\"}").post("/v1/shows")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/explicit"));
        Fixtures.admin().contentType(ContentType.JSON).body("{\"title\": \"x\", \"categories\": \"Business\"}").post("/v1/shows")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/categories"));
    }

    @Test
    void shouldRefuseTheNulCharacterWithProblem() {
        // PostgreSQL text cannot hold U+0000: without these checks the database refused it with a 500
        Fixtures.admin().contentType(ContentType.JSON).body("{\"title\": \"a\\u0000b\"}").post("/v1/shows")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/title"));
        Fixtures.admin().contentType(ContentType.JSON).body("{\"title\": \"x\", \"categories\": [\"ok\", \"a\\u0000\"]}").post("/v1/shows")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/categories/1"));
        given().urlEncodingEnabled(false).get("/v1/episodes?q=a%00b").then().statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/v1/guests/a%00b").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerHealthChecks() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
    }

    @Test
    void shouldGzipJsonWhenAsked() {
        given().header("Accept-Encoding", "gzip").get("/v1/shows?limit=100").then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }
}
