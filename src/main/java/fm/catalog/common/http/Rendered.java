package fm.catalog.common.http;

import java.time.Instant;

/**
 * A body already written in its own media type (an HTML page from a template, an XML feed), which
 * {@link HttpCaching} answers like any JSON body, ETag, Last-Modified, Cache-Control and 304 included, without passing it
 * through Jackson. {@code lastModified} is the newest change the body shows, or null when unknown.
 */
public record Rendered(byte[] body, Instant lastModified) {
}
