package fm.catalog.security;

import fm.catalog.common.http.IdempotentWrite;
import fm.catalog.common.http.Responses;
import fm.catalog.common.http.SecretInBody;
import fm.catalog.common.paging.PageRequest;
import fm.catalog.common.paging.Page;
import fm.catalog.common.problem.Problem;
import fm.catalog.security.ApiKeyDtos.ApiKeyInput;
import fm.catalog.security.ApiKeyDtos.ApiKeyView;
import fm.catalog.security.ApiKeyDtos.NewApiKeyView;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/api-keys")
@Tag(name = "API keys")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed("admin:keys")
public class ApiKeyResource {

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @IdempotentWrite
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretInBody
    @Operation(operationId = "createApiKey", summary = "Create an API key; its secret is in this answer only",
            description = "A retry with the same Idempotency-Key answers 201 with the key's Location but no body: the secret is never stored.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = NewApiKeyView.class)))
    public Response createApiKey(ApiKeyInput input, @Context UriInfo uri) {
        NewApiKeyView key = keys.create(input);
        return Responses.created(uri, "/v1/api-keys", key.id(), key);
    }

    /**
     * Admin only, like every call here: a key that could rotate itself would let whoever stole it
     * swap in a secret of their own and, once the overlap ends, lock its owner out.
     */
    @POST
    @Path("{id}/rotate")
    @IdempotentWrite
    @SecretInBody
    @Operation(operationId = "rotateApiKey", summary = "Give an API key a new secret; the old one works for an overlap",
            description = "Same key id, name, scopes and expiry; the new secret is in this answer only. The secret it replaces keeps working "
                    + "until previousSecretExpiresAt (the overlap asked for, or catalog.keys.rotation-overlap), then answers 401. "
                    + "While that overlap runs the key cannot be rotated again (409); to cut a secret off at once, revoke the key. "
                    + "A retry with the same Idempotency-Key answers 200 without a body: the secret is never stored.")
    @APIResponse(responseCode = "200", description = "Rotated", content = @Content(schema = @Schema(implementation = NewApiKeyView.class)))
    @APIResponse(responseCode = "409", description = "The key is revoked or expired, or an earlier rotation's overlap still runs")
    public NewApiKeyView rotateApiKey(@PathParam("id") String id,
            @Parameter(description = "How long the replaced secret keeps working, an ISO 8601 duration more than zero and at most "
                    + "catalog.keys.max-rotation-overlap (7 days unless configured); catalog.keys.rotation-overlap (24 hours) when absent",
                    example = "PT1H") @QueryParam("overlap") String overlap) {
        return keys.rotate(id, overlap);
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys, newest first, without secrets")
    @APIResponse(responseCode = "200", description = "A page of keys")
    public Page<ApiKeyView> listApiKeys(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return keys.list(PageRequest.of(limit, cursor, null));
    }

    @DELETE
    // the answer has no body: a client that accepts only problem documents (as generated clients do here) may delete
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    public void revokeApiKey(@PathParam("id") String id) {
        keys.revoke(id);
    }
}
