package fm.catalog.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.common.CatalogConfig;
import fm.catalog.common.paging.Page;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * ETag, Last-Modified, Cache-Control, conditional GET (304) and the Link header of pages, for
 * every JSON body the API answers with, in one place. The body is serialised here once to digest it and
 * then written as those bytes, so the ETag always matches what was sent. Pages and feeds arrive as
 * {@link Rendered} bytes of their own media type and take the same path from the digest on.
 */
public class HttpCaching {

    /** Request property holding the serialized body of a GET, 304 or not (the response cache keeps it). */
    public static final String BODY = HttpCaching.class.getName() + ".body";

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final CatalogConfig config;
    private final SecurityIdentity identity;

    public HttpCaching(ObjectMapper mapper, CatalogConfig config, SecurityIdentity identity) {
        this.mapper = mapper;
        this.config = config;
        this.identity = identity;
    }

    @ServerResponseFilter
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (response.getStatus() / 100 != 2 || entity == null || entity instanceof byte[] || entity instanceof CharSequence
                || entity instanceof java.io.InputStream) {
            return;
        }
        if (entity instanceof Rendered rendered) {
            answer(request, response, rendered.body(), rendered.etag() != null ? rendered.etag() : "\"" + digest(rendered.body()) + "\"",
                    rendered.lastModified());
            return;
        }
        if (entity instanceof Page<?> page && page.nextCursor() != null) {
            String next = request.getUriInfo().getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build().toString();
            response.getHeaders().add("Link", "<" + next + ">; rel=\"next\"");
        }
        byte[] body = serialize(entity);
        answer(request, response, body, etagOf(entity, body), entity instanceof Versioned v ? v.updatedAt() : null);
    }

    private void answer(ContainerRequestContext request, ContainerResponseContext response, byte[] body, String etag, java.time.Instant lastModified) {
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        if (lastModified != null) {
            response.getHeaders().putSingle(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(lastModified));
        }
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            // What a key reads may include drafts: no cache may keep it.
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, identity.isAnonymous() ? config.http().cacheControl() : "private, no-store");
            response.getHeaders().putSingle(HttpHeaders.VARY, "Accept, Accept-Encoding, Authorization");
            request.setProperty(BODY, body);
            if (matchesAny(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
                response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
                response.setEntity(null);
                return;
            }
        }
        response.setEntity(body, response.getEntityAnnotations(), response.getMediaType());
    }

    /** The ETag of a body: the version of the resource it represents and a digest of every byte of it. */
    public static String etagOf(Object entity, byte[] body) {
        return entity instanceof Versioned v ? "\"" + v.version() + "-" + digest(body) + "\"" : "\"" + digest(body) + "\"";
    }

    /** If-None-Match uses the weak comparison: W/ prefixes are ignored. */
    public static boolean matchesAny(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private byte[] serialize(Object entity) {
        try {
            return mapper.writeValueAsBytes(entity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short digest (96 bits, URL-safe) of these bytes: the part of an ETag that names a body. */
    public static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
