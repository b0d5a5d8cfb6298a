package fm.catalog.common.http;

import fm.catalog.common.problem.ProblemMappers;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.VertxProblems;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Graceful shutdown, the part Quarkus leaves to us. On SIGTERM Quarkus waits up to
 * quarkus.shutdown.timeout for the requests in flight and reports readiness DOWN, but it still runs
 * requests that arrive meanwhile (it only adds Connection: close). From the moment the JVM begins to
 * shut down, this answers every new request with a 503 problem, Retry-After and Connection: close, so
 * that a client retries on another instance; /q/health stays open, so that a load balancer sees the
 * readiness DOWN. Requests already running are not touched: they finish with their real answer.
 */
@Singleton
public class Draining {

    private volatile boolean draining;
    private Thread hook;

    void start(@Observes StartupEvent event) {
        // Runs at once on SIGTERM, beside Quarkus's own hook, which then waits for the requests in flight.
        hook = new Thread(() -> draining = true, "catalog-draining");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void stop(@Observes ShutdownEvent event) {
        draining = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the JVM is exiting (SIGTERM): the hook has run or runs now
        }
    }

    void install(@Observes Router router) {
        router.route().order(-200).handler(this::refuseWhileDraining);
    }

    private void refuseWhileDraining(RoutingContext ctx) {
        if (!draining || ctx.normalizedPath().startsWith("/q/health")) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", ProblemMappers.UNAVAILABLE_RETRY_AFTER).putHeader("Connection", "close");
        VertxProblems.send(ctx, ProblemType.UNAVAILABLE, "This instance is shutting down and takes no new requests; send the request again.");
    }
}
