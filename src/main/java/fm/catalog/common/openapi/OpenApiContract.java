package fm.catalog.common.openapi;

import fm.catalog.common.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI document with what follows from the API's uniform rules rather
 * than from one method: the problem responses each kind of operation can give, the caching and
 * paging headers, exact nullability of response fields, and merge-patch body schemas. Keeping it
 * here keeps every resource free of a dozen repeated annotations, and the contract consistent.
 */
public class OpenApiContract implements OASFilter {

    private static final String BEARER = "bearer";

    /** Response bodies: Jackson writes every field, so each is present, and null where not required. */
    private static final Set<String> OUTPUT_SCHEMAS = Set.of("Episode", "EpisodeGuest", "Guest", "Show", "ShowSummary",
            "Topic", "TopicSummary", "OwnerRef", "Link", "JsonChapters", "ApiKey", "NewApiKey");
    /** Fields left out of a body when they have no value. */
    private static final Map<String, Set<String>> OMITTED_WHEN_NULL = Map.of(
            "Link", Set.of("episode", "guest", "show", "title"), "Page", Set.of("total"));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        // A ref is a string, a number or an object: the record's own object shape is not the whole truth.
        Schema ref = schemas.get("Ref");
        ref.setType(null);
        ref.setProperties(null);
        api.getComponents().removeSchema("JsonNode");
        api.getComponents().removeSchema("JsonNodeType");
        for (Map.Entry<String, Schema> entry : new ArrayList<>(schemas.entrySet())) {
            String name = entry.getKey();
            if (OUTPUT_SCHEMAS.contains(name)) {
                everyFieldPresent(entry.getValue(), OMITTED_WHEN_NULL.getOrDefault(name, Set.of()));
            } else if (name.startsWith("Page")) {
                everyFieldPresent(entry.getValue(), OMITTED_WHEN_NULL.get("Page"));
            }
        }
        api.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API key: 'Authorization: Bearer <key>'. Reads are public; writes need write:catalog."));
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            path.getValue().getOperations().forEach((method, operation) -> complete(api, path.getKey(), method, operation));
        }
    }

    private static void everyFieldPresent(Schema schema, Set<String> omittedWhenNull) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : List.copyOf(schema.getRequired());
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        for (Map.Entry<String, Schema> property : properties.entrySet()) {
            if (required.contains(property.getKey())) {
                continue;
            }
            Schema nullable = property.getValue().getRef() != null
                    ? OASFactory.createSchema().anyOf(List.of(property.getValue(), OASFactory.createSchema().addType(SchemaType.NULL)))
                    : property.getValue().addType(SchemaType.NULL);
            properties.put(property.getKey(), nullable);
            if (!omittedWhenNull.contains(property.getKey())) {
                schema.addRequired(property.getKey());
            }
        }
        schema.setProperties(properties);
    }

    private static void complete(OpenAPI api, String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH;
        boolean hasQuery = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        if (method == PathItem.HttpMethod.GET) {
            operation.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER)
                    .description("ETag of a copy the client holds; 304 when it is still current")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
            responses.addAPIResponse("304", OASFactory.createAPIResponse().description("Not modified: the copy named by If-None-Match is current"));
            APIResponse ok = responses.getAPIResponse("200");
            if (ok != null) {
                ok.addHeader("ETag", header("Entity tag of this representation: \"<version>-<digest>\" for a resource"));
                ok.addHeader("Cache-Control", header("How long shared caches may keep the answer"));
                if (path.endsWith("{ref}") || path.endsWith(".xml")) {
                    ok.addHeader("Last-Modified", header("When the resource last changed"));
                } else if (path.startsWith("/v1/") && !path.endsWith(".json")) {
                    ok.addHeader("Link", header("<url>; rel=\"next\" while there is a next page"));
                }
            }
        }
        if (method == PathItem.HttpMethod.POST) {
            operation.addParameter(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER)
                    .description("Makes retries safe: the same key with the same body replays the first answer (header "
                            + "Idempotent-Replayed: true); with another body it is a 422; while the first still runs, a 409. Kept 24 hours.")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(255)));
            problem(responses, "422", "The Idempotency-Key was used with a different request");
        }
        if (method == PathItem.HttpMethod.POST && responses.getAPIResponse("201") != null) {
            responses.getAPIResponse("201").addHeader("Location", header("URL of the new resource"))
                    .addHeader("ETag", header("Entity tag of the new resource"));
        }
        if ((method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) && responses.getAPIResponse("200") != null) {
            responses.getAPIResponse("200").addHeader("ETag", header("Entity tag of the stored resource"));
        }
        boolean admin = path.startsWith("/v1/api-keys");
        if (method == PathItem.HttpMethod.GET && !admin) {
            // public, and a key (read:drafts) may be sent to see drafts
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement());
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
            problem(responses, "401", "The API key sent is unknown or revoked");
        } else {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
            problem(responses, "401", "No API key, or an unknown or revoked one");
            problem(responses, "403", admin ? "The API key lacks admin:keys" : "The API key lacks write:catalog");
        }
        if (write || hasQuery) {
            problem(responses, "400", write ? "Invalid body or parameters; errors[] names each field" : "Invalid query parameter; errors[] names it");
        }
        if (path.contains("{")) {
            problem(responses, "404", "No resource with that id or slug");
        }
        problem(responses, "406", "None of the Accept media types can be produced");
        if (write || method == PathItem.HttpMethod.DELETE) {
            problem(responses, "409", "Conflicts with the catalog: a slug or guid taken, or the resource still in use. Of type busy (with Retry-After): "
                    + "other writes held what it needed too long; nothing was written, send it again as it is");
        }
        if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE) {
            problem(responses, "412", "If-Match names a version that is no longer current");
        }
        if (write) {
            problem(responses, "413", "Request body too large");
            problem(responses, "415", "Unsupported Content-Type");
        }
        problem(responses, "500", "Unexpected server error");
        // an error an operation declares with its description alone is a problem like the rest
        responses.getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getContent() == null) {
                response.content(problemContent());
            }
        });
        if (path.startsWith("/feeds/")) {
            inXml(responses);
        }
        if (method == PathItem.HttpMethod.PATCH) {
            usePatchSchema(api, operation);
        }
    }

    /** A merge patch may name any subset of the fields, so its schema is the input's without required ones. */
    private static void usePatchSchema(OpenAPI api, Operation operation) {
        for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
            String inputRef = media.getSchema() == null ? null : media.getSchema().getRef();
            if (inputRef == null || !inputRef.endsWith("Input")) {
                continue;
            }
            String inputName = inputRef.substring(inputRef.lastIndexOf('/') + 1);
            String patchName = inputName.replace("Input", "Patch");
            Schema input = api.getComponents().getSchemas().get(inputName);
            api.getComponents().addSchema(patchName, OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .description("JSON merge patch (RFC 7396) of " + inputName + ": any of its fields; null removes a field")
                    .properties(input.getProperties()));
            media.setSchema(OASFactory.createSchema().ref(patchName));
        }
    }

    /** Feeds answer their problems in RFC 9457's XML form (fm.catalog.feed.XmlProblems), for feed readers. */
    private static void inXml(APIResponses responses) {
        for (APIResponse response : responses.getAPIResponses().values()) {
            if (response.getContent() != null && response.getContent().hasMediaType(Problem.MEDIA_TYPE)) {
                response.getContent().removeMediaType(Problem.MEDIA_TYPE);
                response.getContent().addMediaType("application/problem+xml",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().addType(SchemaType.STRING)));
            }
        }
    }

    /** A problem response; one an operation declared without content (its own description) gets the problem schema. */
    private static void problem(APIResponses responses, String code, String description) {
        APIResponse declared = responses.getAPIResponse(code);
        if (declared == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
        } else if (declared.getContent() == null) {
            declared.content(problemContent());
        }
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }
}
