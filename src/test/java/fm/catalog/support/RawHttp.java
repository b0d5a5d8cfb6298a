package fm.catalog.support;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP against an instance started as a process (SecondInstance), with a bound on every
 * request, for tests whose point is that an answer comes at all: a database down, a shutdown.
 */
public final class RawHttp {
    private RawHttp() {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Far above every bound the application sets itself (5 s for a connection, 10 s for a lock): only a hang reaches it. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    public record Answer(int status, String body, HttpResponse<String> response, long millis) {
        public JsonPath json() {
            return new JsonPath(body);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public static Answer send(String base, String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(NO_HANG)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        headers.forEach(request::header);
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response, (System.nanoTime() - started) / 1_000_000);
    }

    public static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + Fixtures.ADMIN_KEY);
    }

    public static Map<String, String> admin(String idempotencyKey) {
        return Map.of("Authorization", "Bearer " + Fixtures.ADMIN_KEY, "Idempotency-Key", idempotencyKey);
    }
}
