package fm.catalog.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** An RFC 9457 problem in its XML form (appendix B), as feed readers get them: its members by name. */
public final class XmlProblem {
    public static final String NAMESPACE = "urn:ietf:rfc:7807";

    private XmlProblem() {
    }

    /** The members of the problem an answer carries, after checking it is application/problem+xml in the RFC's namespace. */
    public static Map<String, String> of(ExtractableResponse<Response> response) throws Exception {
        assertEquals("application/problem+xml", response.contentType(), response.asString());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element problem = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.asByteArray())).getDocumentElement();
        assertEquals(NAMESPACE, problem.getNamespaceURI());
        assertEquals("problem", problem.getLocalName());
        Map<String, String> members = new LinkedHashMap<>();
        for (Node n = problem.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element member) {
                assertEquals(NAMESPACE, member.getNamespaceURI(), member.getLocalName());
                members.put(member.getLocalName(), member.getTextContent());
            }
        }
        assertEquals(String.valueOf(response.statusCode()), members.get("status"));
        return members;
    }
}
