package fm.catalog.security;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authentication and authorization of every API call, in one place. Reads are public; any other
 * method needs write:catalog unless the resource names another scope with {@link RequiresScope}.
 * A token that is sent must be valid, on reads too: a script with a revoked key learns it at once.
 */
public class ApiKeyFilter {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiKeyService keys;
    private final Caller caller;

    public ApiKeyFilter(ApiKeyService keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
                throw new ApiException(ProblemType.UNAUTHORIZED, "Send the API key as 'Authorization: Bearer <key>'.");
            }
            ApiKeyService.Principal principal = keys.authenticate(authorization.substring(7).trim());
            caller.authenticate(principal.name(), principal.scopes());
        }
        Scope required = required(request.getMethod(), resource);
        if (required == null) {
            return;
        }
        if (!caller.authenticated()) {
            throw new ApiException(ProblemType.UNAUTHORIZED, "This call needs an API key with the scope " + required + ".");
        }
        if (!caller.has(required)) {
            throw new ApiException(ProblemType.FORBIDDEN, "This API key lacks the scope " + required + ".");
        }
    }

    private static Scope required(String method, ResourceInfo resource) {
        RequiresScope declared = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(RequiresScope.class);
        if (declared == null && resource.getResourceClass() != null) {
            declared = resource.getResourceClass().getAnnotation(RequiresScope.class);
        }
        if (declared != null) {
            return declared.value();
        }
        return READ_METHODS.contains(method) ? null : Scope.WRITE_CATALOG;
    }
}
