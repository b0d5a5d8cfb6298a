package fm.catalog.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One profile (one restart) for the tests of the bounds on long work: an import's own deadline far
 * below the requests' (1 s against 30 s, which is above lock_timeout's 10 s, so that a request waiting
 * for a lock would end as a 409 busy, and only the import's deadline makes a 503 of it); and one feed
 * build at a time, whose next waits 1 s for its turn.
 */
public class BoundedWork implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("catalog.db.statement-timeout", "30s", "catalog.db.import-statement-timeout", "1s",
                "catalog.feed.builds", "1", "catalog.feed.build-wait", "1s");
    }
}
