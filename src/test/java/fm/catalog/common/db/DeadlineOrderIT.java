package fm.catalog.common.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.SecondInstance;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged app does not start with a socket timeout that the import's deadline reaches, and says why. */
@QuarkusIntegrationTest
class DeadlineOrderIT {

    @Test
    void shouldRefuseToStartWithASocketTimeoutBelowTheImportDeadline() {
        String refusal = SecondInstance.refusal(Map.of("catalog.db.socket-timeout", "30"));
        assertTrue(refusal.contains("catalog.db.socket-timeout (30 s) must be longer than catalog.db.import-statement-timeout (PT1M)"),
                refusal);
    }
}
