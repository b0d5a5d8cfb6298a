package fm.catalog.episode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The hot reads cost a fixed number of SQL statements, whatever the number of guests, topics,
 * chapters and links, and whatever the page size (Hibernate statistics, enabled in the test profile).
 */
@QuarkusTest
class EpisodeQueryCountTest {

    /** One to find the episode with its show, one each for guests, topics, chapters and links. */
    static final long STATEMENTS_PER_EPISODE = 5;
    /** The keyset id query, the episodes with their shows, and one each for guests, topics, chapters, links. */
    static final long STATEMENTS_PER_PAGE = 6;

    @Inject
    SessionFactory sessionFactory;

    private String episodeWith(String show, int n) {
        List<Map<String, Object>> guests = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            guests.add(Fixtures.credit(Fixtures.guest("Guest " + i).getString("slug"), "guest"));
            topics.add(Fixtures.topic("Topic " + i).getString("slug"));
            links.add(Map.of("kind", "article", "url", "https://example.org/" + i));
        }
        return Fixtures.episode(show, Map.of("guests", guests, "topics", topics, "links", links,
                "chapters", Fixtures.chapters(IntStream.range(0, n).mapToObj(i -> "Chapter " + i).toArray(String[]::new)))).getString("slug");
    }

    private long statementsFor(String path) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().get(path).then().statusCode(200);
        return statistics.getPrepareStatementCount();
    }

    @Test
    void shouldReadOneEpisodeInConstantStatements() {
        String show = Fixtures.show().getString("slug");
        String small = episodeWith(show, 1);
        String large = episodeWith(show, 6);
        long forSmall = statementsFor("/v1/episodes/" + small);
        long forLarge = statementsFor("/v1/episodes/" + large);
        assertEquals(STATEMENTS_PER_EPISODE, forSmall);
        assertEquals(forSmall, forLarge, "statements must not grow with guests, topics, chapters and links");
    }

    @Test
    void shouldReadAPageOfEpisodesInConstantStatements() {
        String show = Fixtures.show().getString("slug");
        for (int i = 0; i < 21; i++) {
            episodeWith(show, i % 3 + 1);
        }
        long pageOf5 = statementsFor("/v1/episodes?limit=5&show=" + show);
        long pageOf20 = statementsFor("/v1/episodes?limit=20&show=" + show);
        // + one to resolve the show filter's ref
        assertEquals(STATEMENTS_PER_PAGE + 1, pageOf20);
        assertEquals(pageOf5, pageOf20, "statements must not grow with the page size");
        long withCount = statementsFor("/v1/episodes?limit=20&count=true&show=" + show);
        assertEquals(pageOf20 + 1, withCount);
        // no filter to resolve: the page alone (the episodes above make it a full one, with guests and all)
        long unfiltered = statementsFor("/v1/episodes?limit=20");
        assertEquals(STATEMENTS_PER_PAGE, unfiltered, "a plain page costs " + unfiltered);
    }

    @Test
    void shouldReadAPageOfGuestsInConstantStatements() {
        String word = "zn" + Fixtures.unique("c").replace("-", "");
        for (int i = 0; i < 12; i++) {
            Fixtures.guest("Counted guest " + word + " " + i);
        }
        // the search is a condition of the id query, not a statement of its own
        long pageOf2 = statementsFor("/v1/guests?limit=2&q=" + word);
        long pageOf10 = statementsFor("/v1/guests?limit=10&q=" + word);
        assertEquals(pageOf2, pageOf10);
        assertEquals(4, pageOf10, "ids, guests, their links and their episode counts");
    }
}
