package fm.catalog.importing;

import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.BoundedWork;
import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An import's transaction runs under catalog.db.import-statement-timeout, not the requests' deadline:
 * with 1 s for imports and 30 s for requests, an import that waits for a row this test holds locked is
 * stopped after 1 s, a 503 problem that wrote nothing. Under the requests' deadline the same wait would
 * have ended by lock_timeout (10 s) as a 409 busy.
 */
@QuarkusTest
@TestProfile(BoundedWork.class)
class ImportDeadlineTest {

    @Inject
    AgroalDataSource dataSource;

    private static Map<String, Object> item(String guid, String title) {
        return Map.of("guid", guid, "title", title, "status", "published", "publishedAt", "2024-05-01T08:00:00Z");
    }

    @Test
    void shouldStopAnImportPastItsOwnDeadlineWith503AndWriteNothing() throws Exception {
        String show = Fixtures.show().getString("slug");
        JsonPath held = Fixtures.episode(show, Map.of("guid", "held-row", "title", "As it was"));
        Map<String, Object> body = Map.of("show", show, "episodes", List.of(item("held-row", "Imported over it"), item("new-row", "New")));
        try (Connection holder = dataSource.getConnection(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("set local statement_timeout = 0");
            // the import locks the episodes it replaces by guid: it waits for this one
            s.execute("select 1 from episodes where id = " + held.getLong("id") + " for update");
            Fixtures.admin().contentType(ContentType.JSON).body(body).post("/v1/imports/episodes").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", endsWith("/problems/unavailable"));
            holder.rollback();
        }
        // nothing was written: the episode kept its title, the new one was not created
        JsonPath after = Fixtures.admin().get("/v1/episodes/" + held.getLong("id")).then().statusCode(200).extract().jsonPath();
        assertEquals("As it was", after.getString("title"));
        assertEquals(held.getLong("version"), after.getLong("version"));
        assertEquals(List.of(held.getInt("id")), Fixtures.admin().get("/v1/episodes?show=" + show).then().statusCode(200)
                .extract().<List<Integer>>path("items.id"));
        // and the same import goes through once the row is free
        Fixtures.admin().contentType(ContentType.JSON).body(body).post("/v1/imports/episodes").then().statusCode(200);
        assertEquals("Imported over it", Fixtures.admin().get("/v1/episodes/" + held.getLong("id")).then().statusCode(200)
                .extract().path("title"));
    }
}
