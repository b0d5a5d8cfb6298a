package fm.catalog.common.openapi;

import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves /q/openapi (and .json, .yaml, .yml) as SmallRye's own handler would, with the document built on its first
 * request instead of at every start, and kept. SmallRye builds the served document once at start when every filter
 * runs at start: our {@link OpenApiContract} quadruples the build-time document, and that
 * filtering and writing it out as JSON and YAML took a tenth of a start's main thread, and kept the JIT's
 * compiler busy with the writers for another second of CPU. With the filter run per request the start only reads
 * the build-time document, and SmallRye would filter and write it anew for every request, on
 * the event loop; here that happens once per format, on a worker thread, and every later request gets the bytes.
 * The document depends on nothing that changes at run time, so the kept bytes are the ones SmallRye would send.
 */
@Singleton
class OpenApiDocuments {
    /** SmallRye's name for the one document of an application that declares no others. */
    private static final String DEFAULT_DOCUMENT = "<default>";

    private final OpenApiDocumentService documents;
    private final Map<Format, Buffer> built = new ConcurrentHashMap<>();

    OpenApiDocuments(OpenApiDocumentService documents) {
        this.documents = documents;
    }

    void install(@Observes Router router) {
        // after the edge (request ids -400 to the response cache -130; like all of /q/, neither rate-limited nor
        // counted, which a kept document makes cheap), before SmallRye's route, which would answer it otherwise
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            router.routeWithRegex(method, "/q/openapi(\\.json|\\.yaml|\\.yml)?").order(-100).handler(this::serve);
        }
    }

    private void serve(RoutingContext ctx) {
        Format format = formatOf(ctx.normalizedPath(), ctx.request().getHeader(HttpHeaders.ACCEPT), ctx.queryParam("format"));
        Buffer document = built.get(format);
        if (document != null) {
            send(ctx, format, document);
            return;
        }
        ctx.vertx().executeBlocking(() -> built.computeIfAbsent(format, f -> Buffer.buffer(documents.getDocument(DEFAULT_DOCUMENT, f))), false)
                .onSuccess(kept -> send(ctx, format, kept))
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, Format format, Buffer document) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, format.getMimeType() + ";charset=UTF-8").end(document);
    }

    /** SmallRye's choice: the path's extension, else JSON when Accept names it or ?format=json, else YAML. */
    static Format formatOf(String path, String accept, List<String> formatParam) {
        if (path.endsWith(".json")) {
            return Format.JSON;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return Format.YAML;
        }
        boolean json = (accept != null && accept.contains(Format.JSON.getMimeType()))
                || (!formatParam.isEmpty() && "JSON".equalsIgnoreCase(formatParam.get(0)));
        return json ? Format.JSON : Format.YAML;
    }
}
