package fm.catalog.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fm.catalog.common.CatalogConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serialized anonymous answers, bounded by their size in bytes (Caffeine, weighed by bytes held).
 *
 * <p>Freshness rests on one counter, the generation. Every change to the catalog bumps it: at once on
 * the instance that wrote (before the write's answer leaves, {@link CachedReads}), within a second on
 * every other one ({@link ChangeNotices}, which listens to PostgreSQL), and when a scheduled episode
 * falls due. An answer is stamped with the generation read before its data was, and is served only
 * while the generation is still that one: an answer computed from data older than a change can
 * therefore never be served after the change is known, whatever the interleaving of reads and
 * invalidations. Any change empties everything, because an episode's answer embeds its show, guests,
 * topics and links, and lists and counts depend on all of them; writes are rare next to reads.
 *
 * <p>While no listener is connected, changes made elsewhere could go unseen: the cache then serves
 * and keeps nothing.
 */
@Singleton
public class ResponseCache {

    /** Why the cache was emptied, as counted in {@code /q/metrics}. */
    public enum Reason { WRITE, NOTICE, DUE, LISTENER }

    private final boolean enabled;
    private final Cache<String, CachedResponse> cache;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    /** {from, until} on System.nanoTime() around the next scheduled episode's due time, or null. */
    private volatile long[] quiet;
    private final Counter hits;
    private final Counter misses;
    private final Map<Reason, Counter> invalidations = new EnumMap<>(Reason.class);

    public ResponseCache(CatalogConfig config, MeterRegistry registry) {
        this.enabled = config.cache().enabled();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.cache().maxSize().asLongValue())
                .<String, CachedResponse>weigher((key, response) -> response.weight(key))
                .recordStats()
                // upkeep (the frequency sketch, eviction) on the caller's thread, a few entries at a time: handed to the
                // common pool, as by default, every few hits woke a pool thread, on the two cores the hits need
                .executor(Runnable::run)
                .build();
        // size and evictions; hits and misses are counted here, where an entry of an older generation is a miss
        CaffeineCacheMetrics.monitor(registry, cache, "responses");
        Gauge.builder("catalog.cache.weight", cache, c -> c.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L))
                .description("Bytes held by the response cache (estimated)").baseUnit("bytes").register(registry);
        this.hits = Counter.builder("catalog.cache.requests").tag("result", "hit").register(registry);
        this.misses = Counter.builder("catalog.cache.requests").tag("result", "miss").register(registry);
        for (Reason reason : Reason.values()) {
            invalidations.put(reason, Counter.builder("catalog.cache.invalidations").tag("reason", reason.name().toLowerCase())
                    .description("Times the response cache was emptied").register(registry));
        }
    }

    /** Whether answers may be served and kept now. */
    boolean active() {
        if (!enabled || !listening) {
            return false;
        }
        long[] window = quiet;
        if (window == null) {
            return true;
        }
        long now = System.nanoTime();
        return now - window[0] < 0 || now - window[1] > 0;
    }

    /**
     * Serves and keeps nothing from {@code margin} before to {@code margin} after the moment the
     * next scheduled episode falls due ({@code dueAt} on System.nanoTime(), or null for none). The
     * moment is known only up to the time a query takes; around it, every read goes to the database,
     * whose clock decides, so no read in between sees the episode in one answer and not in another.
     */
    void quietAround(Long dueAt, long margin) {
        quiet = dueAt == null ? null : new long[] {dueAt - margin, dueAt + margin};
    }

    /** A fresh answer for {@code key}, or null (counted as a miss). */
    CachedResponse get(String key) {
        CachedResponse response = cache.getIfPresent(key);
        if (response != null && response.generation() == generation.get()) {
            hits.increment();
            return response;
        }
        misses.increment();
        return null;
    }

    /** The generation to stamp an answer with: read it before reading the data the answer shows. */
    long generation() {
        return generation.get();
    }

    /** Keeps an answer, unless a change became known after the generation it was stamped with. */
    void put(String key, CachedResponse response) {
        if (active() && response.generation() == generation.get()) {
            cache.put(key, response);
        }
    }

    /** Empties the cache: everything kept so far may be stale. */
    public void invalidateAll(Reason reason) {
        generation.incrementAndGet();
        cache.invalidateAll();
        invalidations.get(reason).increment();
    }

    /** The listener reports whether it hears every change; between two connections it may have missed some. */
    void listening(boolean listening) {
        this.listening = listening;
        invalidateAll(Reason.LISTENER);
    }

    /** Bytes held now (estimated), for tests and the metric. */
    public long weight() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
