package fm.catalog.common.http;

import fm.catalog.common.CatalogConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * One log line per request (category {@code fm.catalog.access}), written when its answer has gone:
 * client address, request line, status, bytes, time and request id. Every write, every error and
 * every slow request is logged; of the fast successful reads only a sample
 * ({@code catalog.http.access-log.sample}), because a line costs about as much as a cache hit itself:
 * logging every hit took 40-50% of their rate (bench/edge-overhead.sh). A 429 counts as such a read,
 * so that a client over its limit cannot make us write a line for each refusal. Quarkus's own access
 * log cannot sample, which is why this one replaces it.
 */
@Singleton
public class AccessLog {
    private static final Logger LOG = Logger.getLogger("fm.catalog.access");
    /** Right after the request id, so that the time counts every other route. */
    public static final int ORDER = RequestIds.ORDER + 1;

    private final boolean enabled;
    private final double sample;
    private final long slowNanos;

    public AccessLog(CatalogConfig config) {
        this.enabled = config.http().accessLog().enabled();
        this.sample = config.http().accessLog().sample();
        this.slowNanos = config.http().accessLog().slow().toNanos();
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            long nanos = System.nanoTime() - start;
            int status = ctx.response().getStatusCode();
            if (logged(ctx.request().method(), status, nanos, sample, slowNanos) && LOG.isInfoEnabled()) {
                HttpServerRequest request = ctx.request();
                LOG.infof("%s \"%s %s %s\" %d %d %.1f ms id=%s", address(request.remoteAddress()), request.method(), request.uri(),
                        version(request.version()), status, ctx.response().bytesWritten(), nanos / 1e6,
                        ctx.response().headers().get(RequestIds.HEADER));
            }
        });
        ctx.next();
    }

    static boolean logged(HttpMethod method, int status, long nanos, double sample, long slowNanos) {
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        if (!read || (status >= 400 && status != 429) || nanos >= slowNanos) {
            return true;
        }
        return sample >= 1 || (sample > 0 && ThreadLocalRandom.current().nextDouble() < sample);
    }

    private static String version(HttpVersion version) {
        return version == null ? "-" : switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }

    private static String address(SocketAddress remote) {
        return remote == null ? "-" : remote.hostAddress();
    }
}
