package fm.catalog.embed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/** A card costs the same number of SQL statements however many episodes, credits and links it shows (each path read once: a miss). */
@QuarkusTest
class EmbedStatementsTest {

    @Inject
    SessionFactory sessionFactory;

    private long statementsFor(String path) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().get(path).then().statusCode(200);
        return statistics.getPrepareStatementCount();
    }

    private String guestOn(int episodes) {
        String guest = Fixtures.guest("Counted " + Fixtures.unique("g")).getString("slug");
        String show = Fixtures.show().getString("slug");
        for (int i = 0; i < episodes; i++) {
            List<Map<String, Object>> credits = new ArrayList<>(List.of(Fixtures.credit(guest, "guest")));
            for (int j = 0; j < i; j++) {
                credits.add(Fixtures.credit(Fixtures.guest("Other " + j).getString("slug"), "cohost"));
            }
            Fixtures.episode(show, Map.of("guests", credits, "links", List.of(Map.of("kind", "blog", "url", "https://example.org/" + i))));
        }
        return guest;
    }

    @Test
    void shouldShowAGuestCardInConstantStatements() {
        long one = statementsFor("/embed/guests/" + guestOn(1));
        long six = statementsFor("/embed/guests/" + guestOn(6));
        assertEquals(one, six, "statements must not grow with the episodes listed");
    }

    @Test
    void shouldShowAnEpisodeCardAndItsOEmbedInConstantStatements() {
        String show = Fixtures.show().getString("slug");
        String small = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(Fixtures.guest("A").getString("slug"), "guest")))).getString("slug");
        List<Map<String, Object>> credits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            credits.add(Fixtures.credit(Fixtures.guest("B" + i).getString("slug"), "guest"));
        }
        String large = Fixtures.episode(show, Map.of("guests", credits)).getString("slug");
        assertEquals(statementsFor("/embed/episodes/" + small), statementsFor("/embed/episodes/" + large));
        assertEquals(statementsFor("/oembed?url=http://localhost:8080/embed/episodes/" + small),
                statementsFor("/oembed?url=http://localhost:8080/embed/episodes/" + large));
    }
}
