package fm.catalog.common.http;

import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.VertxProblems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * PostgreSQL text cannot hold U+0000: a path or query carrying it (as %00) would reach the database
 * as a slug, ref or search and fail there. It is refused up front with a 400 problem. Bodies are
 * checked as they are read (fm.catalog.common.json.JsonConfig); XML refuses the character itself.
 */
@Singleton
public class NulCharacters {

    void install(@Observes Router router) {
        router.route().order(-140).handler(this::refuseEncodedNul);
    }

    private void refuseEncodedNul(RoutingContext ctx) {
        if (ctx.request().uri().contains("%00")) {
            VertxProblems.send(ctx, ProblemType.VALIDATION,
                    "The request's path or query holds an encoded NUL character (%00), which no value may contain.");
            return;
        }
        ctx.next();
    }
}
