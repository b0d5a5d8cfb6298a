package fm.catalog.common.metrics;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.http.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request rate and latency per endpoint and status: {@code http_server_requests_seconds} (count, sum,
 * max and 14 fixed buckets, from a cache hit well under a millisecond to a query that ran into
 * its deadline, so that percentiles can be computed across instances and over any window), tagged
 * {@code method}, {@code uri} (the route's template, never the raw path), {@code status} and
 * {@code outcome}, as Quarkus's own HTTP binder names them. That binder is off
 * (application.properties): on every request it built the tags and looked its timer up in the
 * registry, and it timed every socket read and write; this one finds a timer in a map of its own,
 * made once per series.
 *
 * <p>The template is the one Quarkus REST matched, or the one a response-cache hit repeats (the
 * request context's local {@value #TEMPLATE}). An answer without one (a problem of the edge, a 404 of
 * an unknown path) is {@code UNKNOWN}, or {@code NOT_FOUND} for a 404, and a method outside HTTP's
 * own is {@code OTHER}: no client can mint series. /q/* (health, metrics) is not counted, as with
 * Quarkus's binder.
 */
@Singleton
public class HttpMetrics {
    static final String NAME = "http.server.requests";
    /** The local Quarkus REST keeps the matched template in, which the response cache copies onto its hits. */
    public static final String TEMPLATE = "UrlPathTemplate";
    /** Right after the request id and the access log, so that the time counts every other route. */
    public static final int ORDER = RequestIds.ORDER + 2;

    private static final Duration[] BUCKETS = {
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CONNECT);

    /** One series; method null for any method outside HTTP's own. */
    private record Series(HttpMethod method, String uri, int status) {
    }

    private final MeterRegistry registry;
    private final boolean enabled;
    private final ConcurrentHashMap<Series, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry, CatalogConfig config) {
        this.registry = registry;
        this.enabled = config.http().metricsEnabled();
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path == null || !path.startsWith("/q/")) {
            long start = System.nanoTime();
            ctx.addEndHandler(done -> timer(ctx).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        }
        ctx.next();
    }

    private Timer timer(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        int status = ctx.response().getStatusCode();
        String template = ((HttpServerRequestInternal) ctx.request()).context().getLocal(TEMPLATE);
        String uri = template != null ? template : status == 404 ? "NOT_FOUND" : "UNKNOWN";
        return timers.computeIfAbsent(new Series(METHODS.contains(method) ? method : null, uri, status), this::register);
    }

    private Timer register(Series series) {
        return Timer.builder(NAME)
                .tag("method", series.method() == null ? "OTHER" : series.method().name())
                .tag("uri", series.uri())
                .tag("status", Integer.toString(series.status()))
                .tag("outcome", Outcome.forStatus(series.status()).name())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
