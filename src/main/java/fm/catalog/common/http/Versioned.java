package fm.catalog.common.http;

import java.time.Instant;

/** A representation of one resource: its version makes the ETag, its updatedAt Last-Modified. */
public interface Versioned {
    long version();

    Instant updatedAt();
}
