package fm.catalog.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a bearer token into the identity of its API key: principal "key:&lt;id&gt;" (or "bootstrap"),
 * and a permission per scope. The key is looked up in PostgreSQL, so on a worker thread. A token
 * that is no key of ours yields no identity, which leaves it to any other provider of bearer tokens
 * (an OIDC one, say); when none takes it, Quarkus fails the authentication (a 401). A key of ours that
 * expired, or a secret whose rotation overlap ended, fails it here, with a detail that says so. No
 * identity is cached: each request reads its key again (one statement), so revocation, expiry and
 * the end of an overlap hold from the next request on.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiKeyService keys;

    public ApiKeyIdentityProvider(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        return context.runBlocking(() -> keys.authenticate(token).map(ApiKeyIdentityProvider::identity).orElse(null));
    }

    static SecurityIdentity identity(ApiKeyService.Principal principal) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(principal.name()));
        principal.scopes().forEach(scope -> identity.addPermission(scope.permission()));
        return identity.build();
    }
}
