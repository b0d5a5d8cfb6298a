package fm.catalog.common.http;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.VertxProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Request bodies may be 1 MiB, imports 20 MiB (quarkus.http.limits.max-body-size is set to the
 * larger). A declared Content-Length over the limit is refused before the body is read; a chunked
 * body is counted as it is read. Either way the answer is a 413 problem.
 */
@Singleton
public class BodyLimits {
    private static final long DEFAULT_LIMIT = 1024 * 1024;
    private static final long IMPORT_LIMIT = 20 * 1024 * 1024;

    static long limitFor(String path) {
        return path.startsWith("/v1/imports/") ? IMPORT_LIMIT : DEFAULT_LIMIT;
    }

    void install(@Observes Router router) {
        router.route().order(-150).handler(this::checkDeclaredLength);
        // Vert.x's own refusal of bodies over max-body-size comes as a failure: give it the same shape.
        router.route().order(-150).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                VertxProblems.send(ctx, ProblemType.PAYLOAD_TOO_LARGE, tooLarge(ctx.normalizedPath()));
            } else {
                ctx.next();
            }
        });
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limitFor(ctx.normalizedPath())) {
                    VertxProblems.send(ctx, ProblemType.PAYLOAD_TOO_LARGE, tooLarge(ctx.normalizedPath()));
                    return;
                }
            } catch (NumberFormatException e) {
                // Vert.x refuses a malformed Content-Length itself
            }
        }
        ctx.next();
    }

    @ServerRequestFilter(preMatching = true)
    public void countChunkedBody(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.CONTENT_LENGTH.toString()) == null && request.hasEntity()) {
            String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
            long limit = limitFor(path);
            request.setEntityStream(new FilterInputStream(request.getEntityStream()) {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) {
                    read += n;
                    if (read > limit) {
                        throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, tooLarge(path));
                    }
                }
            });
        }
    }

    private static String tooLarge(String path) {
        return "The request body is larger than " + (limitFor(path) / (1024 * 1024)) + " MiB, the limit for " + path + ".";
    }
}
