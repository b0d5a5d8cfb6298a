package fm.catalog.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Supplier;

/**
 * For what the server promises within a bound rather than at once: lists sorted by -episodeCount
 * take the order of the counters folded every 250 ms (EpisodeCountFolding). Asks again until the
 * answer is the one expected, and fails with the last answer after 5 s, far past the bound.
 */
public final class Eventually {
    private Eventually() {
    }

    public static <T> void equal(T expected, Supplier<T> actual, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        T last = actual.get();
        while (!expected.equals(last)) {
            if (System.nanoTime() > deadline) {
                fail(what + ": expected " + expected + " but was " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            last = actual.get();
        }
    }
}
