package fm.catalog.security;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Credentials that are sent must be valid, on reads too: a script with a malformed Authorization
 * header learns it at once instead of being served as anonymous. Quarkus asks the mechanisms in
 * order of priority and this one comes last, so it only sees a request with an Authorization
 * header that no other mechanism (ours, or one added later such as OIDC) claimed.
 */
@ApplicationScoped
public class UnrecognisedCredentials implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (context.request().getHeader(HttpHeaderNames.AUTHORIZATION) == null) {
            return Uni.createFrom().nullItem();
        }
        // the cause carries the detail of the 401 problem (see ProblemMappers)
        return Uni.createFrom().failure(new AuthenticationFailedException(
                new ApiException(ProblemType.UNAUTHORIZED, "Send the API key as 'Authorization: Bearer <key>'.")));
    }

    /** No challenge of its own: the other mechanisms' apply. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    /** None: it asks no identity provider. */
    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return Integer.MIN_VALUE;
    }
}
