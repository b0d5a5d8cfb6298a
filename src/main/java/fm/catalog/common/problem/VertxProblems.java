package fm.catalog.common.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Problems answered at the Vert.x level, before a request reaches a resource. */
public final class VertxProblems {
    private VertxProblems() {
    }

    /** A problem written in another form than JSON, for readers of some paths that read only that form. */
    public interface Form {
        String mediaType();

        byte[] write(Problem problem) throws Exception;

        /** More headers that answers in this form carry (an embed's page its security policy). */
        default Map<String, String> headers() {
            return Map.of();
        }

        /** Whether a request that sent this Accept (null when none) takes this form; if not, it gets JSON. */
        default boolean acceptedBy(String accept) {
            return true;
        }
    }

    /**
     * Forms by path prefix, set by the features whose readers need them (the feeds' XML: fm.catalog.feed.XmlProblems),
     * so that a problem the edge answers (414, 431, 429...) comes in the same form as the resource's own.
     */
    private static final Map<String, Form> FORMS = new ConcurrentHashMap<>();

    /** Problems for paths that start with {@code prefix} are written in {@code form}. */
    public static void writeUnder(String prefix, Form form) {
        FORMS.put(prefix, form);
    }

    public static void send(RoutingContext ctx, ProblemType type, String detail) {
        String path = ctx.request().path();
        for (Map.Entry<String, Form> form : FORMS.entrySet()) {
            if (path != null && path.startsWith(form.getKey()) && form.getValue().acceptedBy(ctx.request().getHeader("Accept"))) {
                byte[] body;
                try {
                    body = form.getValue().write(new Problem(type.uri, type.title, type.status, detail, path, null, null));
                } catch (Exception e) {
                    ctx.fail(e);
                    return;
                }
                form.getValue().headers().forEach(ctx.response()::putHeader);
                ctx.response().setStatusCode(type.status).putHeader("Content-Type", form.getValue().mediaType()).end(Buffer.buffer(body));
                return;
            }
        }
        JsonObject body = new JsonObject().put("type", type.uri).put("title", type.title).put("status", type.status)
                .put("detail", detail).put("instance", path);
        ctx.response().setStatusCode(type.status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body.encode());
    }
}
