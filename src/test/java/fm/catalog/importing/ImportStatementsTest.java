package fm.catalog.importing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import fm.catalog.support.StatementCounts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An import costs the same number of SQL statements whatever its size: creates and updates, new
 * guests and topics, chapters and links, and titles whose first slugs other episodes already have.
 * Counted by PostgreSQL itself (pg_stat_statements, loaded by the embedded server). Left out: the
 * search documents computed ahead, one statement per hundred episodes by design, on connections of
 * their own (SearchDocuments); and the settings the driver sends on each new connection, which
 * count only when the pool grows.
 */
@QuarkusTest
class ImportStatementsTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void countStatements() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
    }

    @Test
    void shouldImportAnyBatchInTheSameNumberOfStatements() throws SQLException {
        String word = Fixtures.unique("stmt").replaceAll("[^a-z0-9]", "");
        long small = statementsOfImport(word + "a", 60);
        long large = statementsOfImport(word + "b", 240);
        assertEquals(small, large, "statements of an import of 60 episodes, and of 240");
    }

    /** Statements of one import of n episodes, half of them already in the show, every title's first three slugs taken. */
    private long statementsOfImport(String word, int n) throws SQLException {
        for (int taken = 0; taken < 3; taken++) {
            importInto(Fixtures.show().getString("slug"), items(word, 0, n, "elsewhere"), n);
        }
        String show = Fixtures.show().getString("slug");
        importInto(show, items(word, 0, n / 2, "before"), n / 2);
        reset();
        importInto(show, items(word, 0, n, "now"), n);
        // the work ahead is left out by its marker
        return StatementCounts.since(dataSource, "/* search documents ahead */");
    }

    private void reset() throws SQLException {
        StatementCounts.reset(dataSource);
    }

    private static void importInto(String show, List<Map<String, Object>> items, int expected) {
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items))
                .post("/v1/imports/episodes").then().statusCode(200).body("failed", equalTo(0))
                .body("results.size()", equalTo(expected));
    }

    private static List<Map<String, Object>> items(String word, int from, int to, String telling) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("guid", word + "-" + i);
            item.put("title", "Counted " + word + " " + i);
            item.put("status", "published");
            item.put("publishedAt", "2024-05-01T08:00:00Z");
            item.put("description", "Told " + telling);
            item.put("guests", List.of(Map.of("name", "Counted Guest " + word + " " + i, "role", "guest")));
            item.put("topics", List.of(Map.of("name", "Counted Topic " + word + " " + i % 5)));
            item.put("chapters", Fixtures.chapters("Opening", "The " + telling));
            item.put("links", List.of(Map.of("kind", "blog", "title", "Post " + word + " " + i, "url", "https://blog.example.org/" + word + "/" + i)));
            items.add(item);
        }
        return items;
    }
}
