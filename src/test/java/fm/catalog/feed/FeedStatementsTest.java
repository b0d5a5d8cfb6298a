package fm.catalog.feed;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A feed costs the same statements whatever its number of episodes, guests and links: counted by
 * PostgreSQL (pg_stat_statements), as ImportStatementsTest counts imports, since the feed reads on
 * JDBC where Hibernate's statistics do not see it.
 */
@QuarkusTest
class FeedStatementsTest {

    /** The transaction's setting, the show, credits, links and episodes (its BEGIN and ROLLBACK are not counted). */
    static final long STATEMENTS_PER_FEED = 5;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void countStatements() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
    }

    @Test
    void shouldReadAFeedInTheSameStatementsWhateverItsSize() throws SQLException {
        long small = statementsOfFeed(2);
        long large = statementsOfFeed(60);
        assertEquals(small, large, "statements of a feed of 2 episodes, and of 60");
        assertEquals(STATEMENTS_PER_FEED, large);
    }

    /** A podcast app polling with the ETag it holds: the feed's state alone decides, and nothing is built. */
    @Test
    void shouldAnswerAConditionalGetFromOneStatement() throws SQLException {
        String show = Fixtures.show().getString("slug");
        statementsOfFeed(show, 30);
        String etag = Fixtures.admin().get("/feeds/" + show + ".xml").then().statusCode(200).extract().header("ETag");
        StatementCounts.reset(dataSource);
        Fixtures.admin().header("If-None-Match", etag).get("/feeds/" + show + ".xml").then().statusCode(304);
        assertEquals(1, StatementCounts.since(dataSource, null));
    }

    private long statementsOfFeed(int n) throws SQLException {
        return statementsOfFeed(Fixtures.show().getString("slug"), n);
    }

    private long statementsOfFeed(String show, int n) throws SQLException {
        String word = Fixtures.unique("fs");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(Map.of("guid", word + "-" + i, "title", "Counted " + i, "status", "published", "publishedAt", "2024-05-01T08:00:00Z",
                    "guests", List.of(Map.of("name", "Feed Guest " + word + " " + i, "role", "guest"), Map.of("name", "Feed Host " + word, "role", "host")),
                    "chapters", List.of(Map.of("title", "Opening", "startTime", 0)),
                    "links", List.of(Map.of("kind", "blog", "url", "https://blog.example.org/" + word + "/" + i),
                            Map.of("kind", "video", "url", "https://video.example.org/" + word + "/" + i))));
        }
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items))
                .post("/v1/imports/episodes").then().statusCode(200).body("created", equalTo(n));
        StatementCounts.reset(dataSource);
        // by a key: the response cache would answer a second read without any statement
        Fixtures.admin().get("/feeds/" + show + ".xml").then().statusCode(200);
        return StatementCounts.since(dataSource, null);
    }
}
