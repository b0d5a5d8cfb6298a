package fm.catalog.common.http;

import java.time.Instant;

/**
 * A body already written in its own media type (an HTML page from a template, an XML feed), which
 * {@link HttpCaching} answers like any JSON body, ETag, Last-Modified, Cache-Control and 304 included, without passing it
 * through Jackson. {@code lastModified} is the newest change the body shows, or null when unknown. {@code etag} is
 * null when the ETag is to be a digest of the body; a resource that knows its validators without building the body
 * (a feed) names it, and answers a matching If-None-Match with {@link #notModified} instead of a body.
 */
public record Rendered(byte[] body, Instant lastModified, String etag) {

    public Rendered(byte[] body, Instant lastModified) {
        this(body, lastModified, null);
    }

    /** The answer to a conditional GET whose If-None-Match names this ETag: a 304, with no body built. */
    public static Rendered notModified(String etag, Instant lastModified) {
        return new Rendered(null, lastModified, etag);
    }
}
