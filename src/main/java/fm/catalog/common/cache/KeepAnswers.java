package fm.catalog.common.cache;

import fm.catalog.common.metrics.HttpMetrics;
import fm.catalog.common.http.HttpCaching;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Keeps the answers of anonymous GETs that {@link CachedReads} let through as misses. */
public class KeepAnswers {

    private final ResponseCache cache;

    public KeepAnswers(ResponseCache cache) {
        this.cache = cache;
    }

    /** Keeps a miss's answer once HttpCaching has serialized it (it runs first: response filters run by descending priority). */
    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void keep(ContainerRequestContext request, ContainerResponseContext response, RoutingContext ctx) {
        String key = ctx.get(CachedReads.KEY);
        Long generation = ctx.get(CachedReads.GENERATION);
        Object body = request.getProperty(HttpCaching.BODY);
        int status = response.getStatus();
        if (key == null || generation == null || !(body instanceof byte[] bytes) || (status != 200 && status != 304)) {
            return;
        }
        String etag = response.getHeaderString(HttpHeaders.ETAG.toString());
        if (etag == null) {
            return;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.getStringHeaders().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
        if (response.getHeaderString(HttpHeaders.CONTENT_TYPE.toString()) == null) {
            if (response.getMediaType() == null) {
                return; // a 304 may not know it: the next 200 will be kept instead
            }
            headers.add(Map.entry(HttpHeaders.CONTENT_TYPE.toString(), response.getMediaType().toString()));
        }
        String template = ((HttpServerRequestInternal) ctx.request()).context().getLocal(HttpMetrics.TEMPLATE);
        cache.put(key, new CachedResponse(generation, Buffer.buffer(bytes), etag, List.copyOf(headers), template));
    }
}
