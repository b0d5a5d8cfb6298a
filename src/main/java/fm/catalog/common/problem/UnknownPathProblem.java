package fm.catalog.common.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Paths that no resource or Quarkus endpoint serves never reach the JAX-RS mappers; this last
 * route answers them with the same 404 problem as everything else.
 */
@Singleton
public class UnknownPathProblem {

    void install(@Observes Router router, ObjectMapper mapper) {
        router.route().last().handler(ctx -> {
            ProblemType type = ProblemType.NOT_FOUND;
            Problem problem = new Problem(type.uri, type.title, type.status, "Nothing is at " + ctx.request().path() + ".",
                    ctx.request().path(), null, null);
            try {
                ctx.response().setStatusCode(type.status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(mapper.writeValueAsString(problem));
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
    }
}
