package fm.catalog.common.http;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * Every answer carries {@code X-Request-Id}: the caller's own when it sent a usable one (so that a
 * proxy's or a client's id follows the request through our logs), a new one otherwise. It is put
 * on the response before any other route runs, so hits of the response cache, problems answered
 * at the Vert.x level, 404s and /q/* all carry it; the cache keeps only the headers of the resource,
 * never this one. The access log prints it ({@code %{o,X-Request-Id}}), and the MDC holds it as
 * {@code requestId} for every log line written while the request runs.
 */
@Singleton
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Long enough for any tracing id (a W3C traceparent is 55), short enough to keep log lines sane. */
    static final int MAX_LENGTH = 128;

    private static final HexFormat HEX = HexFormat.of();

    /** First of all the catalog's routes. */
    public static final int ORDER = -400;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String id = usable(ctx.request().getHeader(HEADER));
        if (id == null) {
            id = newId();
        }
        ctx.response().putHeader(HEADER, id);
        // Quarkus runs each request on a context of its own, which carries the MDC to worker threads;
        // anywhere else the MDC is the thread's, and would leak into the next request
        if (VertxContext.isOnDuplicatedContext()) {
            MDC.put(MDC_KEY, id);
        }
        ctx.next();
    }

    /** The caller's id when it is 1 to 128 visible ASCII characters (nothing a log line could be forged with). */
    static String usable(String given) {
        if (given == null || given.isEmpty() || given.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < given.length(); i++) {
            char c = given.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
        }
        return given;
    }

    /**
     * 128 random bits in hex. An id names a request, it guards nothing, so a fast generator will do
     * (UUID.randomUUID() draws from SecureRandom, which is slower and shared by all threads).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}
