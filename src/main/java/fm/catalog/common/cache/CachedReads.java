package fm.catalog.common.cache;

import fm.catalog.common.metrics.HttpMetrics;
import fm.catalog.common.http.HttpCaching;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Where the response cache meets HTTP. An anonymous GET of the API (or of a page, oEmbed answer or feed) is answered from the cache on the
 * event loop, before security, resources, the database or Jackson run: the stored bytes, ETag and
 * headers, or a 304 when If-None-Match names that ETag. A miss goes on to the resource, stamped with
 * the generation it started in, and {@link KeepAnswers} keeps its answer on the way out. A write (any other method)
 * empties the cache before its answer leaves, so whoever wrote reads the change back at once here.
 *
 * <p>Requests carrying Authorization never touch the cache: a key may see drafts and scheduled
 * episodes, and its answers say {@code private, no-store}. Cross-origin headers are not stored:
 * {@link fm.catalog.common.http.Cors} adds them to every answer, hits included, before this route.
 */
@Singleton
public class CachedReads {

    static final String KEY = CachedReads.class.getName() + ".key";
    static final String GENERATION = CachedReads.class.getName() + ".generation";

    private final ResponseCache cache;

    /** Whether the response cache will keep this request's answer: an anonymous GET it let through as a miss. */
    public static boolean keeps(RoutingContext ctx) {
        return ctx.get(KEY) != null;
    }

    public CachedReads(ResponseCache cache) {
        this.cache = cache;
    }

    void install(@Observes Router router) {
        // after the request id (-400), the cross-origin rules (-350), URI and header limits (-340), rate
        // limits (-330, so that hits count), authentication (-200), body limits (-150) and the NUL check (-140)
        router.route().order(-130).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET) {
            if (method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
                ctx.addHeadersEndHandler(v -> {
                    if (ctx.response().getStatusCode() < 400) {
                        cache.invalidateAll(ResponseCache.Reason.WRITE);
                    }
                });
            }
            ctx.next();
            return;
        }
        // Lists sorted by -episodeCount take their order from counters folded some 250 ms after the write
        // that moved them (migration V9), which sends no notice of its own: never kept, so that order lags
        // by the fold alone.
        if (!cache.active() || !cached(ctx.request().path()) || ctx.request().headers().contains(HttpHeaders.AUTHORIZATION)
                || "-episodeCount".equals(ctx.request().getParam("sort"))) {
            ctx.next();
            return;
        }
        String key = keyOf(ctx);
        CachedResponse hit = cache.get(key);
        if (hit == null) {
            ctx.put(KEY, key);
            ctx.put(GENERATION, cache.generation());
            ctx.next();
            return;
        }
        if (hit.pathTemplate() != null) {
            // per-endpoint metrics tag a hit like the miss it repeats, not by its raw path
            ((HttpServerRequestInternal) ctx.request()).context().putLocal(HttpMetrics.TEMPLATE, hit.pathTemplate());
        }
        HttpServerResponse response = ctx.response();
        for (Map.Entry<String, String> header : hit.headers()) {
            response.headers().add(header.getKey(), header.getValue());
        }
        if (HttpCaching.matchesAny(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), hit.etag())) {
            response.headers().remove(HttpHeaders.CONTENT_TYPE);
            response.setStatusCode(304).end();
        } else {
            response.end(hit.body());
        }
    }

    /** The catalog's reads: the JSON API, and the pages, oEmbed answers and feeds made from the same rows. */
    private static boolean cached(String path) {
        return path.startsWith("/v1/") || path.startsWith("/embed/") || path.startsWith("/feeds/") || path.equals("/oembed");
    }

    /** The answer depends on the path, the query and, for content negotiation, Accept. */
    private static String keyOf(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        return accept == null ? ctx.request().uri() : ctx.request().uri() + "\n" + accept;
    }
}
