package fm.catalog.common.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.openapi.runtime.io.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * /q/openapi is served by {@link OpenApiDocuments}, built on first use and kept: every way of asking for a format
 * gets SmallRye's content type and the same document, and parallel first requests get identical bytes. The test
 * has an application of its own, so that its requests are the first: the other tests' app has served the document.
 */
@QuarkusTest
@TestProfile(OpenApiDocumentsTest.FreshApplication.class)
class OpenApiDocumentsTest {

    /** No setting of its own: a profile only so that Quarkus starts an application for this test. */
    public static class FreshApplication implements QuarkusTestProfile {
    }

    @Test
    void shouldChooseTheFormatAsSmallRyeDoes() {
        assertEquals(Format.JSON, OpenApiDocuments.formatOf("/q/openapi.json", "application/yaml", List.of("yaml")));
        assertEquals(Format.YAML, OpenApiDocuments.formatOf("/q/openapi.yml", "application/json", List.of()));
        assertEquals(Format.YAML, OpenApiDocuments.formatOf("/q/openapi.yaml", null, List.of("json")));
        assertEquals(Format.JSON, OpenApiDocuments.formatOf("/q/openapi", "text/html, application/json;q=0.9", List.of()));
        assertEquals(Format.JSON, OpenApiDocuments.formatOf("/q/openapi", null, List.of("JSON")));
        assertEquals(Format.YAML, OpenApiDocuments.formatOf("/q/openapi", "*/*", List.of()));
        assertEquals(Format.YAML, OpenApiDocuments.formatOf("/q/openapi", null, List.of("xml")));
    }

    @Test
    void shouldServeOneDocumentInEveryFormat() throws Exception {
        List<Future<byte[]>> yaml = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                yaml.add(pool.submit(() -> body(given().get("/q/openapi"), "application/yaml;charset=UTF-8")));
            }
            byte[] first = yaml.get(0).get();
            for (Future<byte[]> other : yaml) {
                assertArrayEquals(first, other.get());
            }
            assertArrayEquals(first, body(given().get("/q/openapi.yaml"), "application/yaml;charset=UTF-8"));
            assertArrayEquals(first, body(given().get("/q/openapi.yml"), "application/yaml;charset=UTF-8"));

            byte[] json = body(given().get("/q/openapi.json"), "application/json;charset=UTF-8");
            assertArrayEquals(json, body(given().queryParam("format", "json").get("/q/openapi"), "application/json;charset=UTF-8"));
            assertArrayEquals(json, body(given().accept("application/json").get("/q/openapi"), "application/json;charset=UTF-8"));

            JsonNode fromYaml = new YAMLMapper().readTree(first);
            JsonNode fromJson = new ObjectMapper().readTree(json);
            assertEquals(fromYaml, fromJson);
            // the filtered document (OpenApiContract's problem responses), not the build-time one
            assertTrue(fromJson.at("/components/schemas/Problem").isObject(), "no Problem schema");
        } finally {
            pool.shutdownNow();
        }
        Response head = given().head("/q/openapi");
        assertEquals(200, head.statusCode());
        assertEquals("application/yaml;charset=UTF-8", head.contentType());
    }

    private static byte[] body(Response response, String contentType) {
        assertEquals(200, response.statusCode());
        assertEquals(contentType, response.contentType());
        assertTrue(response.header("X-Request-Id") != null, "the edge ran");
        return response.asByteArray();
    }
}
