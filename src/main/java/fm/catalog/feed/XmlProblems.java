package fm.catalog.feed;

import fm.catalog.common.problem.Problem;
import fm.catalog.common.problem.VertxProblems;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Feed readers get errors in XML: the problems that common/problem makes for a path under /feeds/
 * are written in RFC 9457's XML form (appendix B) instead of JSON. The problem itself, its type,
 * status and detail, stays the one every other path answers. The same goes for the problems the edge
 * answers before any resource runs (414, 431, 429, an unknown path...), through VertxProblems.
 */
@Singleton
public class XmlProblems {
    static final String MEDIA_TYPE = "application/problem+xml";
    static final String PREFIX = "/feeds/";
    static final String NAMESPACE = "urn:ietf:rfc:7807";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    @ServerResponseFilter
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws XMLStreamException {
        if (response.getEntity() instanceof Problem problem && request.getUriInfo().getPath().startsWith(PREFIX)) {
            response.setEntity(write(problem), response.getEntityAnnotations(), MediaType.valueOf(MEDIA_TYPE));
        }
    }

    void install(@Observes Router router) {
        VertxProblems.writeUnder(PREFIX, new VertxProblems.Form() {
            @Override
            public String mediaType() {
                return MEDIA_TYPE;
            }

            @Override
            public byte[] write(Problem problem) throws XMLStreamException {
                return XmlProblems.write(problem);
            }
        });
    }

    static byte[] write(Problem problem) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("problem");
        xml.writeDefaultNamespace(NAMESPACE);
        element(xml, "type", problem.type());
        element(xml, "title", problem.title());
        element(xml, "status", String.valueOf(problem.status()));
        element(xml, "detail", problem.detail());
        element(xml, "instance", problem.instance());
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement(name); // in the default namespace declared above
            xml.writeCharacters(FeedWriter.clean(value));
            xml.writeEndElement();
        }
    }
}
