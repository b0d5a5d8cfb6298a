package fm.catalog.importing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
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
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select current_setting('shared_preload_libraries') like '%pg_stat_statements%'")) {
                rs.next();
                // the embedded server always loads it; another server the suite is pointed at may not
                Assumptions.assumeTrue(rs.getBoolean(1), "the server does not load pg_stat_statements");
            }
            s.execute("create extension if not exists pg_stat_statements");
        }
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
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(calls), 0) from pg_stat_statements "
                     + "where dbid = (select oid from pg_database where datname = current_database()) "
                     // the work ahead, by its marker; the driver's settings of each new connection; this test's own
                     + "and query not like '%/* search documents ahead */%' and query not ilike 'set extra_float_digits%' "
                     + "and query not ilike 'set application_name%' and query not like '%pg_stat_statements%' "
                     // the response cache's listener, which asks every 250 ms whatever runs
                     + "and query not like '%" + fm.catalog.common.cache.ChangeNotices.MARKER + "%' and query not ilike 'listen %' "
                     + "and query not like '%" + fm.catalog.episode.EpisodeCountFolding.MARKER + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        }
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
