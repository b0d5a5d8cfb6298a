package fm.catalog.common.openapi;

import fm.catalog.common.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
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
// per request, not at start: OpenApiDocuments runs it once, on the first request for the document, and keeps the result
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class OpenApiContract implements OASFilter {

    private static final String BEARER = "bearer";
    private static final String REQUEST_ID = "X-Request-Id";
    /** Why a key sent is refused with 401. */
    private static final String NOT_A_KEY = "unknown, revoked, expired (expiresAt), or an old secret replaced by a rotation "
            + "whose overlap has ended";
    private static final List<String> RATE_LIMIT_HEADERS = List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
    private static final String REF = "#/components/schemas/Ref";
    /** The operation's extension that lists the scopes a key needs to call it. */
    public static final String REQUIRED_SCOPES = "x-required-scopes";

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
        schemas.values().forEach(OpenApiContract::refsAsRefs);
        for (Map.Entry<String, Schema> entry : new ArrayList<>(schemas.entrySet())) {
            String name = entry.getKey();
            if (OUTPUT_SCHEMAS.contains(name)) {
                everyFieldPresent(entry.getValue(), OMITTED_WHEN_NULL.getOrDefault(name, Set.of()));
            } else if (name.startsWith("Page")) {
                everyFieldPresent(entry.getValue(), OMITTED_WHEN_NULL.get("Page"));
            }
        }
        api.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API key: 'Authorization: Bearer <key>'. Reads are public; writes need write:catalog, "
                        + "API keys need admin:keys, and read:drafts lets a read see drafts and scheduled episodes. Each operation's "
                        + "description and its x-required-scopes name the scope it needs. No key or an unknown one on a write: 401 with "
                        + "WWW-Authenticate: Bearer; a key without the scope: 403."));
        contractHeaders(api);
        if (api.getServers() == null || api.getServers().isEmpty()) {
            api.addServer(OASFactory.createServer().url("http://localhost:8080")
                    .description("mvn quarkus:dev; a deployment serves the same paths at its own address"));
        }
        if (api.getInfo().getContact() == null) {
            api.getInfo().contact(OASFactory.createContact().name("Podcast catalog maintainers"));
        }
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
        String scope = admin ? "admin:keys" : "write:catalog";
        if (method == PathItem.HttpMethod.GET && !admin) {
            // public, and a key (read:drafts) may be sent to see drafts
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement());
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
            problem(responses, "401", "The API key sent is " + NOT_A_KEY);
            describe(operation, "Access: public. A key may be sent; one with read:drafts also sees drafts and scheduled episodes "
                    + "(its answers are then private, not cached).");
        } else {
            // Scopes belong in a requirement's list only for OAuth2 and OpenID Connect (linters refuse them on a
            // bearer scheme), so the scope an operation needs is in its description and, for tools, x-required-scopes.
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
            operation.addExtension(REQUIRED_SCOPES, List.of(scope));
            problem(responses, "401", "No API key, or one that is " + NOT_A_KEY);
            problem(responses, "403", "The API key lacks " + scope);
            describe(operation, "Access: a key with " + scope + ".");
        }
        describeRules(path, method, operation);
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
        // the HTTP layer's own limits, answered before any route runs, as problems too
        problem(responses, "414", "The request line (path and query) is too long");
        problem(responses, "431", "The request's headers are too large");
        problem(responses, "429", "Too many requests from this API key (anonymous: this client address) on this instance; "
                + "send it again after Retry-After seconds")
                .addHeader("Retry-After", headerRef("Retry-After"));
        problem(responses, "500", "Unexpected server error");
        // every operation reads or writes the catalog in PostgreSQL
        problem(responses, "503", "Cannot answer now: the database is unreachable, the request ran past its deadline, "
                + "or the service is shutting down or too busy. Nothing was written; send it again as it is after Retry-After seconds")
                .addHeader("Retry-After", headerRef("Retry-After"));
        // an error an operation declares with its description alone is a problem like the rest
        responses.getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getContent() == null) {
                response.content(problemContent());
            }
        });
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.equals("401")) {
                response.addHeader("WWW-Authenticate", header("Bearer: how to authenticate"));
            } else if (code.equals("409")) {
                response.addHeader("Retry-After", OASFactory.createHeader().description("Only on a problem of type busy: seconds to wait")
                        .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)));
            }
            // every answer counts against the limits but those refused before the limits are counted (RequestLimits)
            if (!code.equals("414") && !code.equals("431")) {
                RATE_LIMIT_HEADERS.forEach(name -> response.addHeader(name, headerRef(name)));
            }
            response.addHeader(REQUEST_ID, headerRef(REQUEST_ID));
        });
        if (path.startsWith("/feeds/")) {
            inForm(responses, "application/problem+xml", false);
        } else if (path.startsWith("/embed/")) {
            inForm(responses, "text/html", true);
        }
        if (method == PathItem.HttpMethod.PATCH) {
            usePatchSchema(api, operation);
        }
        if (operation.getRequestBody() != null) {
            // after usePatchSchema: a patch's example is chosen by its Patch schema
            RequestExamples.addTo(operation.getRequestBody());
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
            List<String> required = input.getRequired() == null ? List.of() : input.getRequired();
            Map<String, Schema> properties = new LinkedHashMap<>();
            input.getProperties().forEach((name, property) -> properties.put(name, required.contains(name) ? property : clearable(property)));
            api.getComponents().addSchema(patchName, OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .description("JSON merge patch (RFC 7396) of " + inputName + ": any of its fields; null removes a field")
                    .properties(properties));
            media.setSchema(OASFactory.createSchema().ref(patchName));
        }
    }

    /** A copy of an input's field that also takes null, which clears it in a merge patch; the input's own stays as it is. */
    private static Schema clearable(Schema property) {
        if (property.getType() == null) {
            return OASFactory.createSchema().anyOf(List.of(property, OASFactory.createSchema().addType(SchemaType.NULL)));
        }
        Schema copy = OASFactory.createSchema();
        copy.setAll(new LinkedHashMap<>(property.getAll()));
        List<SchemaType> types = new ArrayList<>(property.getType());
        types.add(SchemaType.NULL);
        copy.setType(types);
        return copy;
    }

    /**
     * Feeds answer their problems in RFC 9457's XML form (fm.catalog.feed.XmlProblems), for feed readers, and
     * embeds as a small HTML page (fm.catalog.embed.HtmlProblems), for the iframe that shows it, or as JSON to a
     * client that takes no HTML ({@code keepJson}).
     */
    private static void inForm(APIResponses responses, String mediaType, boolean keepJson) {
        for (APIResponse response : responses.getAPIResponses().values()) {
            if (response.getContent() != null && response.getContent().hasMediaType(Problem.MEDIA_TYPE)) {
                if (!keepJson) {
                    response.getContent().removeMediaType(Problem.MEDIA_TYPE);
                }
                if (!response.getContent().hasMediaType(mediaType)) {
                    response.getContent().addMediaType(mediaType, OASFactory.createMediaType().schema(OASFactory.createSchema().addType(SchemaType.STRING)));
                }
            }
        }
    }

    /** A problem response; one an operation declared without content (its own description) gets the problem schema. */
    private static APIResponse problem(APIResponses responses, String code, String description) {
        APIResponse declared = responses.getAPIResponse(code);
        if (declared == null) {
            declared = OASFactory.createAPIResponse().description(description).content(problemContent());
            responses.addAPIResponse(code, declared);
        } else if (declared.getContent() == null) {
            declared.content(problemContent());
        }
        return declared;
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    private static Header headerRef(String name) {
        return OASFactory.createHeader().ref(name);
    }

    /** Headers many responses carry, declared once under components. */
    private static void contractHeaders(OpenAPI api) {
        Schema seconds = OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO);
        api.getComponents()
                .addHeader(REQUEST_ID, header("Names this request in the service's log: the X-Request-Id the client sent, or one made "
                        + "for it. Quote it when reporting a problem."))
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before sending the request again")
                        .schema(seconds))
                // while rate limits are on, every answer carries them, problems included, but the 414 and 431 of the edge
                .addHeader("RateLimit-Limit", OASFactory.createHeader().description("Requests this API key (anonymous: this client "
                        + "address) may send at once, per instance. On every answer while rate limits are on, problems included, save 414, 431 and the 403 "
                        + "of a browser's write from an origin not allowed, which are refused before the limits count").schema(seconds))
                .addHeader("RateLimit-Remaining", OASFactory.createHeader().description("Requests it may send now").schema(seconds))
                .addHeader("RateLimit-Reset", OASFactory.createHeader().description("Seconds until its allowance is whole again")
                        .schema(seconds));
    }

    /** What the uniform rules say about an operation of this kind, in words a client author reads. */
    private static void describeRules(String path, PathItem.HttpMethod method, Operation operation) {
        boolean item = path.endsWith("}");
        switch (method) {
            case GET -> {
                if (item) {
                    describe(operation, "Send the ETag you hold as If-None-Match to get a 304 while it is current.");
                } else if (path.startsWith("/v1/") && !path.endsWith(".json")) {
                    describe(operation, "Paged: limit (1 to 100) and cursor. While there is a next page its cursor is nextCursor "
                            + "and its URL is in the Link header (rel=\"next\"); count=true adds total.");
                }
            }
            case POST -> describe(operation, "Send an Idempotency-Key to make a retry safe: the same key and body replay the first "
                    + "answer with Idempotent-Replayed: true.");
            case PUT -> describe(operation, "Full replace: the body is the whole resource, read-only fields ignored, so a GET's body "
                    + "may be changed and sent back. Send the ETag you read as If-Match: 412 when it changed since.");
            case PATCH -> describe(operation, "A JSON merge patch (RFC 7396, application/merge-patch+json): the fields given replace "
                    + "theirs, null clears one, the rest stay. Send the ETag you read as If-Match: 412 when it changed since.");
            case DELETE -> {
                if (hasHeader(operation, "If-Match")) {
                    describe(operation, "Send the ETag you read as If-Match: 412 when it changed since.");
                }
            }
            default -> {
            }
        }
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equals(p.getName())
                    && p.getDescription() == null).forEach(p -> p.description("ETag of the copy the change is based on: the write "
                    + "is refused with 412 when the resource has changed since. Without it the write applies to whatever is current."));
        }
    }

    private static boolean hasHeader(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER && name.equals(p.getName()));
    }

    /** Adds a paragraph to the operation's description. */
    private static void describe(Operation operation, String paragraph) {
        String current = operation.getDescription();
        operation.setDescription(current == null || current.isBlank() ? paragraph : current + "\n\n" + paragraph);
    }

    /**
     * A property that refers to a schema names that schema alone. A ref is a string, a number or an object,
     * and a sibling "type: object" (or an inlined copy of Ref's oneOf) would forbid the string and the number.
     */
    private static void refsAsRefs(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.replaceAll((name, property) -> {
            Schema target = property.getItems() != null ? property.getItems() : property;
            if (target.getRef() != null) {
                // a sibling type is at best a repetition (an enum's string) and at worst a contradiction (a Ref's object)
                target.setType(null);
            } else if (target.getOneOf() != null && target.getOneOf().stream().anyMatch(s -> "#/components/schemas/RefObject".equals(s.getRef()))) {
                Schema ref = OASFactory.createSchema().ref(REF).description(target.getDescription());
                if (target == property) {
                    return ref;
                }
                property.setItems(ref);
            }
            return property;
        });
        schema.setProperties(properties);
    }
}
