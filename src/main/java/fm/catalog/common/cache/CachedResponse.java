package fm.catalog.common.cache;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * An anonymous answer as it was sent: its body bytes, its ETag and the headers the resource and
 * {@link fm.catalog.common.http.HttpCaching} gave it, the route template metrics know it by, stamped with the cache generation it was read
 * in, so that an answer computed before a change is never served after it.
 */
record CachedResponse(long generation, Buffer body, String etag, List<Map.Entry<String, String>> headers, String pathTemplate) {

    /** Bytes held, roughly: the body, the headers, and the objects around them. */
    int weight(String key) {
        int size = 160 + 2 * key.length() + body.length();
        for (Map.Entry<String, String> header : headers) {
            size += 64 + 2 * (header.getKey().length() + header.getValue().length());
        }
        return size;
    }
}
