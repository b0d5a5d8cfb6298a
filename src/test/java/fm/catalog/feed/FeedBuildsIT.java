package fm.catalog.feed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.SecondInstance;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged app does not start with no feed builders (catalog.feed.builds=0), and names the setting. */
@QuarkusIntegrationTest
class FeedBuildsIT {

    @Test
    void shouldRefuseToStartWithoutFeedBuilders() {
        String refusal = SecondInstance.refusal(Map.of("catalog.feed.builds", "0"));
        assertTrue(refusal.contains("catalog.feed.builds") && refusal.contains("must be at least 1: 0"), refusal);
    }
}
