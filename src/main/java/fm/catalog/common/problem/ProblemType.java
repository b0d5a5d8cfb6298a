package fm.catalog.common.problem;

/** The kinds of problem the API reports, each with its status, title and a stable type URI. */
public enum ProblemType {
    BAD_REQUEST(400, "Bad request", "bad-request"),
    VALIDATION(400, "Invalid request", "validation"),
    UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
    FORBIDDEN(403, "Forbidden", "forbidden"),
    NOT_FOUND(404, "Not found", "not-found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),
    CONFLICT(409, "Conflict", "conflict"),
    /** A lock (or a deadlock's victim) that could not be had in time: nothing was written, send it again. */
    BUSY(409, "Busy, retry", "busy"),
    IDEMPOTENCY_MISMATCH(422, "Idempotency key reused", "idempotency-key-reused"),
    PRECONDITION_FAILED(412, "Precondition failed", "precondition-failed"),
    PAYLOAD_TOO_LARGE(413, "Payload too large", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
    URI_TOO_LONG(414, "URI too long", "uri-too-long"),
    HEADERS_TOO_LARGE(431, "Request header fields too large", "headers-too-large"),
    /** Over the caller's rate limit (fm.catalog.common.ratelimit): nothing was done; send it again after Retry-After. */
    TOO_MANY_REQUESTS(429, "Too many requests", "too-many-requests"),
    NOT_IMPLEMENTED(501, "Not implemented", "not-implemented"),
    INTERNAL(500, "Internal server error", "internal"),
    /**
     * The server could not answer now (the database unreachable, restarting or past the statement
     * deadline, or too many feeds in flight): send it again after Retry-After; a deadline or a refused
     * connection wrote nothing.
     */
    UNAVAILABLE(503, "Service unavailable", "unavailable");

    private static final String BASE = "https://podcast-catalog.dev/problems/";

    public final int status;
    public final String title;
    public final String uri;

    ProblemType(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.uri = BASE + slug;
    }
}
