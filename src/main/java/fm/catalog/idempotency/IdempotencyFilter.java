package fm.catalog.idempotency;

import fm.catalog.common.http.SecretInBody;
import fm.catalog.common.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Idempotency-Key on POST: the first request with a key runs and its answer is stored; a retry
 * with the same key and body gets that answer again (with Idempotent-Replayed: true) and writes
 * nothing. Keys belong to the API key that sent them. An answer with a secret ({@link SecretInBody})
 * is replayed without its body, which is never stored. The claim is made here; the answer of a write
 * is recorded in the write's own transaction (IdempotentWriteInterceptor); what is left, a request
 * refused before or by its method, is settled here once it is answered.
 */
public class IdempotencyFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final IdempotencyClaim claim;
    private final SecurityIdentity identity;

    public IdempotencyFilter(IdempotencyStore store, IdempotencyClaim claim, SecurityIdentity identity) {
        this.store = store;
        this.claim = claim;
        this.identity = identity;
    }

    /** After authentication, which names the principal the key belongs to. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    public Optional<Response> claim(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !request.getMethod().equals("POST") || identity.isAnonymous()) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.invalidParameter(HEADER, "must be 1 to 255 characters");
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        IdempotencyStore.Claimed claimed = store.claim(identity.getPrincipal().getName(), key, hash(request, body));
        if (claimed.replay() != null) {
            return Optional.of(replay(claimed.replay()));
        }
        boolean secretInBody = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(SecretInBody.class);
        claim.hold(new IdempotencyClaim.Held(identity.getPrincipal().getName(), key, claimed.token(), secretInBody));
        return Optional.empty();
    }

    /**
     * A request whose answer was not recorded with its write: refused before its method ran (a body
     * that does not parse) or by it (its transaction rolled back). A client error is recorded and
     * replayed like any answer; a server error releases the claim, so that a retry runs again.
     */
    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void settle(ContainerResponseContext response) {
        IdempotencyClaim.Held held = claim.held();
        if (held == null || claim.isRecorded()) {
            return;
        }
        try {
            if (response.getStatus() >= 500) {
                store.release(held);
                return;
            }
            Object entity = response.getEntity();
            store.complete(held, new IdempotencyStore.Stored(response.getStatus(),
                    response.getMediaType() == null ? null : response.getMediaType().toString(),
                    response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG),
                    held.secretInBody() || entity == null ? null : store.bytes(entity)));
        } catch (RuntimeException e) {
            // The database went away (it is often why the answer is a 503): the answer stands, and the
            // claim, which no session holds locked any more, lets a retry run once the lease is over.
            LOG.debugf("could not settle Idempotency-Key claim: %s", e.getMessage());
        }
    }

    private Response replay(IdempotencyStore.Stored stored) {
        Response.ResponseBuilder builder = Response.status(stored.status()).header("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            builder.entity(stored.body()).type(stored.contentType());
        }
        if (stored.location() != null) builder.header(HttpHeaders.LOCATION, stored.location());
        if (stored.etag() != null) builder.header(HttpHeaders.ETAG, stored.etag());
        return builder.build();
    }

    /** The request as the key promises it: method, path with query, and body. */
    private static String hash(ContainerRequestContext request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath() + "?"
                    + request.getUriInfo().getRequestUri().getRawQuery() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
