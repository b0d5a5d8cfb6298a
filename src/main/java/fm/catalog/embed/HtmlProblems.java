package fm.catalog.embed;

import fm.catalog.common.http.MediaTypes;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.problem.VertxProblems;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An iframe shows what it gets: every problem under /embed/ is the same small HTML page as the embeds'
 * own errors, with the same headers, instead of JSON a reader of the page would see as text. That
 * covers the problems Quarkus REST makes before the resource runs (405, 406) and those the edge
 * answers before any resource (414, 431, 429, an unknown path, the 503 while shutting down). The
 * problem itself, its status and detail, stays the one every other path answers. A client whose
 * Accept does not take HTML (a script asking for JSON) gets the problem document as everywhere else.
 */
@Singleton
public class HtmlProblems {
    static final String PREFIX = "/embed/";

    /** Looked up when a page is written: Quarkus REST makes its filters at static init, before the configuration WebUrls reads. */
    private final Instance<WebUrls> urls;

    HtmlProblems(Instance<WebUrls> urls) {
        this.urls = urls;
    }

    @ServerResponseFilter
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && request.getUriInfo().getPath().startsWith(PREFIX)
                && takesHtml(request.getHeaderString("Accept"))) {
            response.setEntity(page(problem), response.getEntityAnnotations(), MediaType.valueOf(MediaTypes.HTML));
            EmbedResource.ERROR_HEADERS.forEach(response.getHeaders()::putSingle);
        }
    }

    private String page(Problem problem) {
        return EmbedResource.Templates.error(new EmbedResource.Page(problem.title(), urls.get().providerName(), null, null), problem.detail()).render();
    }

    void install(@Observes Router router) {
        VertxProblems.writeUnder(PREFIX, new VertxProblems.Form() {
            @Override
            public String mediaType() {
                return MediaTypes.HTML;
            }

            @Override
            public byte[] write(Problem problem) {
                return page(problem).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Map<String, String> headers() {
                return EmbedResource.ERROR_HEADERS;
            }

            @Override
            public boolean acceptedBy(String accept) {
                return takesHtml(accept);
            }
        });
    }

    /** No Accept, or one with text/html, text/* or *&#47;* at a quality above 0 (what browsers and iframes send). */
    static boolean takesHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("text/html") && !type.equals("text/*") && !type.equals("*/*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
                refused |= parameter.matches("q=0(\\.0{0,3})?");
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
