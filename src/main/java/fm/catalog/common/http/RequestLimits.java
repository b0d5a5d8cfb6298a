package fm.catalog.common.http;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.VertxProblems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The lengths of a request's URI and headers. Vert.x refuses a request line or headers over
 * quarkus.http.limits.max-initial-line-length / max-header-size itself, before any route, with a
 * bare 414 or 431 and no body. Those limits are set far above ours (application.properties), and
 * ours are enforced here instead, so that the answer is a problem like every other error.
 */
@Singleton
public class RequestLimits {
    /** After the request id (-400) and the cross-origin rules (-350), so that the problem carries both. */
    public static final int ORDER = -340;

    private final int maxUriLength;
    private final long maxHeaderBytes;

    public RequestLimits(CatalogConfig config) {
        this.maxUriLength = config.http().maxUriLength();
        this.maxHeaderBytes = config.http().maxHeaderBytes().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        int uriLength = ctx.request().uri().length();
        if (uriLength > maxUriLength) {
            VertxProblems.send(ctx, ProblemType.URI_TOO_LONG,
                    "The request's URI is " + uriLength + " characters long, more than the limit of " + maxUriLength + ".");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            // as on the wire: "name: value\r\n" (Netty decodes header bytes one to one into chars)
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            VertxProblems.send(ctx, ProblemType.HEADERS_TOO_LARGE,
                    "The request's headers hold " + headerBytes + " bytes, more than the limit of " + maxHeaderBytes + ".");
            return;
        }
        ctx.next();
    }
}
