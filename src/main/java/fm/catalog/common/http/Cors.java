package fm.catalog.common.http;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.VertxProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin rules: any origin may read (partner sites embed our data), only configured origins
 * may write. Quarkus's CORS filter cannot tell reads from writes and sends no Vary: Origin, so the
 * policy lives here, in front of every route but the request id's: before authentication (-200), so that a
 * 401 is readable too, and before the URI and header limits and the rate limits, whose problems (and
 * RateLimit-* and Retry-After) a browser may then read.
 */
@Singleton
public class Cors {
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final String READ_METHODS = "GET, HEAD";
    private static final String ALL_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    private static final String ALLOWED_HEADERS = "Accept, Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key";
    private static final String EXPOSED_HEADERS = "ETag, Last-Modified, Link, Location, Idempotent-Replayed, "
            + "X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After";
    public static final int ORDER = -350;

    private final List<String> writeOrigins;

    public Cors(CatalogConfig config) {
        this.writeOrigins = config.http().writeOrigins().orElse(List.of());
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        // Whether and how an answer allows cross-origin reading depends on the Origin, with or without
        // one: every answer says so, or a CDN would hand an answer kept for one origin to another.
        ctx.addHeadersEndHandler(v -> ctx.response().headers().add(HttpHeaders.VARY, "Origin"));
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean mayWrite = writeOrigins.contains(origin);
        String requested = ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (ctx.request().method() == HttpMethod.OPTIONS && requested != null) {
            var response = ctx.response().setStatusCode(204);
            boolean read = requested.equalsIgnoreCase("GET") || requested.equalsIgnoreCase("HEAD");
            if (read || mayWrite) {
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, mayWrite ? origin : "*")
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, mayWrite ? ALL_METHODS : READ_METHODS)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
            }
            response.end();
            return;
        }
        if (!READS.contains(ctx.request().method()) && !mayWrite) {
            // a browser would hide the answer, but the write would still happen: refuse it outright
            VertxProblems.send(ctx, ProblemType.FORBIDDEN, "Writes from origin " + origin + " are not allowed.");
            return;
        }
        ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, mayWrite ? origin : "*")
                .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        ctx.next();
    }
}
