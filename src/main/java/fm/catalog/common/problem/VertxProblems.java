package fm.catalog.common.problem;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Problems answered at the Vert.x level, before a request reaches a resource. */
public final class VertxProblems {
    private VertxProblems() {
    }

    public static void send(RoutingContext ctx, ProblemType type, String detail) {
        JsonObject body = new JsonObject().put("type", type.uri).put("title", type.title).put("status", type.status)
                .put("detail", detail).put("instance", ctx.request().path());
        ctx.response().setStatusCode(type.status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body.encode());
    }
}
