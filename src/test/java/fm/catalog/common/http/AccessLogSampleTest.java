package fm.catalog.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which requests the access log writes: every write, error and slow request; a sample of the fast successful reads. */
class AccessLogSampleTest {
    private static final long FAST = 200_000;
    private static final long SLOW = 100_000_000;

    @Test
    void shouldLogWritesErrorsAndSlowRequestsWhateverTheSample() {
        for (HttpMethod write : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            assertTrue(AccessLog.logged(write, 200, FAST, 0, SLOW), write.name());
        }
        for (int status : new int[] {400, 401, 404, 412, 414, 431, 500, 503}) {
            assertTrue(AccessLog.logged(HttpMethod.GET, status, FAST, 0, SLOW), "status " + status);
        }
        assertTrue(AccessLog.logged(HttpMethod.GET, 200, SLOW, 0, SLOW), "a slow read");
    }

    @Test
    void shouldSampleFastSuccessfulReadsAndRefusals() {
        for (int status : new int[] {200, 304, 429}) {
            assertFalse(AccessLog.logged(HttpMethod.GET, status, FAST, 0, SLOW), "status " + status + " with no sample");
            assertTrue(AccessLog.logged(HttpMethod.GET, status, FAST, 1, SLOW), "status " + status + " with all sampled");
        }
        long logged = IntStream.range(0, 100_000).filter(i -> AccessLog.logged(HttpMethod.GET, 200, FAST, 0.01, SLOW)).count();
        assertEquals(1000, logged, 200, "about 1% of 100,000");
    }
}
