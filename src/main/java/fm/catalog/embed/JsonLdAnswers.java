package fm.catalog.embed;

import fm.catalog.common.http.MediaTypes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers Accept: application/ld+json on a guest, episode or show with its schema.org document.
 * The resources declare the media type and return their usual view; the view becomes JSON-LD here,
 * before HttpCaching digests it (response filters run by descending priority), so that the resources do not
 * depend on this package and the document has its own ETag.
 */
public class JsonLdAnswers {

    private static final MediaType JSON_LD = MediaType.valueOf(MediaTypes.JSON_LD);

    private final StructuredData data;

    public JsonLdAnswers(StructuredData data) {
        this.data = data;
    }

    @ServerResponseFilter(priority = Priorities.USER + 100)
    public void toJsonLd(ContainerResponseContext response) {
        if (response.getStatus() != 200 || response.getMediaType() == null || !JSON_LD.isCompatible(response.getMediaType())) {
            return;
        }
        StructuredData.Document document = data.of(response.getEntity());
        if (document != null) {
            response.setEntity(document, response.getEntityAnnotations(), JSON_LD);
        }
    }
}
