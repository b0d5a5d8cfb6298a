package fm.catalog.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Idempotency-Key on POST: the first request with a key runs and its answer is stored; a retry
 * with the same key and body gets that answer again (with Idempotent-Replayed: true) and writes
 * nothing. Keys belong to the API key that sent them. An answer with a secret ({@link SecretInBody})
 * is replayed without its body, which is never stored.
 */
public class IdempotencyFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";

    private record Claim(String principal, String key, boolean secretInBody) {
    }

    private final IdempotencyStore store;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public IdempotencyFilter(IdempotencyStore store, SecurityIdentity identity, ObjectMapper mapper) {
        this.store = store;
        this.identity = identity;
        this.mapper = mapper;
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
        Optional<IdempotencyStore.Stored> stored = store.claim(identity.getPrincipal().getName(), key, hash(request, body));
        if (stored.isPresent()) {
            return Optional.of(replay(stored.get()));
        }
        boolean secretInBody = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(SecretInBody.class);
        request.setProperty(CLAIM, new Claim(identity.getPrincipal().getName(), key, secretInBody));
        return Optional.empty();
    }

    /** Runs after HttpCaching (lower priority runs later on responses), so the body is final. */
    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void store(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        if (response.getStatus() >= 500) {
            store.release(claim.principal(), claim.key());
            return;
        }
        store.complete(claim.principal(), claim.key(), new IdempotencyStore.Stored(response.getStatus(),
                response.getMediaType() == null ? null : response.getMediaType().toString(),
                response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG),
                claim.secretInBody() ? null : bytes(response.getEntity())));
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

    private byte[] bytes(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        try {
            return entity instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
