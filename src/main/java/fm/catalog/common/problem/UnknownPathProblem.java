package fm.catalog.common.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Paths that no resource or Quarkus endpoint serves never reach the JAX-RS mappers; this last
 * route answers them with the same 404 problem as everything else.
 */
@Singleton
public class UnknownPathProblem {

    void install(@Observes Router router) {
        router.route().last().handler(ctx -> VertxProblems.send(ctx, ProblemType.NOT_FOUND, "Nothing is at " + ctx.request().path() + "."));
    }
}
