package fm.catalog.common.db;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.common.CatalogConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deadlines' order, checked at start (DeadlineOrderIT sees a packaged app refuse to start on a wrong one). */
class DeadlineOrderTest {

    private static CatalogConfig.Db db(String statement, String imports, int socketSeconds) {
        return new CatalogConfig.Db() {
            @Override
            public String statementTimeout() {
                return statement;
            }

            @Override
            public String importStatementTimeout() {
                return imports;
            }

            @Override
            public int socketTimeout() {
                return socketSeconds;
            }
        };
    }

    @Test
    void shouldReadPostgresDurations() {
        assertEquals(Duration.ofSeconds(15), DeadlineOrder.duration("x", "15s"));
        assertEquals(Duration.ofMillis(500), DeadlineOrder.duration("x", "500ms"));
        assertEquals(Duration.ofMillis(1500), DeadlineOrder.duration("x", "1500"));
        assertEquals(Duration.ofSeconds(90), DeadlineOrder.duration("x", "1.5min"));
        assertEquals(Duration.ofHours(2), DeadlineOrder.duration("x", " 2 h "));
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> DeadlineOrder.duration("catalog.db.x", "15 seconds"));
        assertTrue(wrong.getMessage().contains("catalog.db.x"), wrong.getMessage());
    }

    @Test
    void shouldAcceptTheDefaults() {
        assertDoesNotThrow(() -> DeadlineOrder.check(db("15s", "60s", 90)));
    }

    @Test
    void shouldRefuseASocketTimeoutThatADeadlineReaches() {
        IllegalStateException imports = assertThrows(IllegalStateException.class, () -> DeadlineOrder.check(db("15s", "60s", 60)));
        assertTrue(imports.getMessage().startsWith("catalog.db.socket-timeout (60 s) must be longer than catalog.db.import-statement-timeout"),
                imports.getMessage());
        IllegalStateException requests = assertThrows(IllegalStateException.class, () -> DeadlineOrder.check(db("2min", "60s", 90)));
        assertTrue(requests.getMessage().contains("than catalog.db.statement-timeout (PT2M)"), requests.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> DeadlineOrder.check(db("0", "60s", 90)));
        assertTrue(none.getMessage().contains("0: no deadline"), none.getMessage());
    }
}
