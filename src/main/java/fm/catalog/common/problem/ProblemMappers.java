package fm.catalog.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import fm.catalog.common.problem.Problem.FieldError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error response of the API is made here. Bodies carry what a client can act on and never a
 * stack trace, a class name or SQL; anything unexpected becomes a bare 500 and a log line.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** RFC 6750: the challenge of every 401, which tells clients which scheme to use. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"catalog\"";

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        Response response = respond(new Problem(e.type.uri, e.type.title, e.type.status, e.getMessage(), request.path(), e.errors, e.existing));
        // After a failed authentication Quarkus has already sent the mechanism's challenge (the same).
        if (e.type == ProblemType.UNAUTHORIZED && !request.response().headers().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        if (e.type == ProblemType.UNAVAILABLE) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, UNAVAILABLE_RETRY_AFTER);
        }
        return response;
    }

    /**
     * Credentials were sent but not accepted. With proactive authentication this happens before the
     * request reaches a resource; Quarkus REST hands the failure to this mapper. A mechanism may
     * give the detail as an {@link ApiException} cause; otherwise no provider knew the token.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        // the key could not be looked up at all: that is the database's fault, not the caller's
        Response unavailable = unavailable(e, request);
        if (unavailable != null) {
            return unavailable;
        }
        return api(e.getCause() instanceof ApiException api ? api
                : new ApiException(ProblemType.UNAUTHORIZED, "The API key is unknown or revoked."), request);
    }

    /** An anonymous call to an operation that needs a permission (@PermissionsAllowed). */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request, ResourceInfo resource) {
        String required = requiredPermission(resource);
        return api(new ApiException(ProblemType.UNAUTHORIZED, required == null ? "This call needs an API key."
                : "This call needs an API key with the scope " + required + "."), request);
    }

    /** A caller without the permission the operation needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request, ResourceInfo resource) {
        String required = requiredPermission(resource);
        return api(new ApiException(ProblemType.FORBIDDEN, required == null ? "This API key may not make this call."
                : "This API key lacks the scope " + required + "."), request);
    }

    /** What the resource method (or else its class) declares with @PermissionsAllowed, or null. */
    private static String requiredPermission(ResourceInfo resource) {
        PermissionsAllowed declared = null;
        if (resource != null && resource.getResourceMethod() != null) {
            declared = resource.getResourceMethod().getAnnotation(PermissionsAllowed.class);
        }
        if (declared == null && resource != null && resource.getResourceClass() != null) {
            declared = resource.getResourceClass().getAnnotation(PermissionsAllowed.class);
        }
        return declared == null ? null : String.join(" or ", declared.value());
    }

    /** Listed one by one: Quarkus REST maps some of these itself, and the most specific mapper wins. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, JsonParseException.class})
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return api(JsonProblems.of(e), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        // Failures while the body is read (Jackson's, or a body over its size limit) reach us
        // wrapped by the body reader.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api(api, request);
            }
            if (cause instanceof JsonProcessingException json) {
                return json(json, request);
            }
        }
        ProblemType type;
        if (e instanceof NotFoundException) {
            type = ProblemType.NOT_FOUND;
        } else if (e instanceof NotAllowedException) {
            type = ProblemType.METHOD_NOT_ALLOWED;
        } else if (e instanceof NotAcceptableException) {
            type = ProblemType.NOT_ACCEPTABLE;
        } else if (e instanceof NotSupportedException) {
            type = ProblemType.UNSUPPORTED_MEDIA_TYPE;
        } else {
            type = byStatus(e.getResponse().getStatus());
        }
        String detail = switch (type) {
            case NOT_FOUND -> "Nothing is at " + request.path() + ".";
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + request.path() + ".";
            case NOT_ACCEPTABLE -> "None of the media types in Accept can be produced here.";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type '" + request.getHeader("Content-Type") + "' is not accepted here.";
            case INTERNAL -> "The server met an unexpected condition.";
            default -> type.title + ".";
        };
        Response.ResponseBuilder builder = Response.status(type.status).type(Problem.MEDIA_TYPE)
                .entity(problem(type, detail, request, null));
        if (e instanceof NotAllowedException) {
            String allow = e.getResponse().getHeaderString("Allow");
            if (allow != null) {
                builder.header("Allow", allow);
            }
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        Response unavailable = unavailable(e, request);
        if (unavailable != null) {
            return unavailable;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api(api, request);
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return respond(problem(ProblemType.PRECONDITION_FAILED,
                        "The resource was changed by another request; read it again and retry.", request, null));
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                Response constraint = constraintViolation(sql, request);
                if (constraint != null) {
                    return constraint;
                }
            }
        }
        LOG.errorf(e, "Unexpected error on %s %s", request.method(), request.path());
        return respond(problem(ProblemType.INTERNAL, "The server met an unexpected condition.", request, null));
    }

    /**
     * The services check invariants first to give precise answers; the database constraints are the
     * backstop for races between requests, so they too must come out as client errors.
     */
    private static Response constraintViolation(SQLException sql, HttpServerRequest request) {
        return switch (sql.getSQLState()) {
            case "23505" -> respond(problem(ProblemType.CONFLICT, "The request conflicts with an existing resource (a slug or guid is taken).", request, null));
            case "23503" -> respond(problem(ProblemType.CONFLICT, "The request conflicts with resources that refer to this one, or refers to one that is gone.", request, null));
            case "23514", "23502" -> respond(problem(ProblemType.VALIDATION, "The request breaks a rule of the catalog.", request, null));
            // lock_timeout, deadlock, serialization: nothing was written, and the same request can succeed
            case "55P03", "40P01", "40001" -> {
                Response busy = respond(problem(ProblemType.BUSY,
                        "Other writes held what this request needed for too long; nothing was written. Send it again.", request, null));
                busy.getHeaders().putSingle("Retry-After", "1");
                yield busy;
            }
            default -> null;
        };
    }

    /** Seconds a client should wait before it sends a request refused with 503 again (the edge's 503s too). */
    public static final String UNAVAILABLE_RETRY_AFTER = "5";

    /**
     * A 503 when the database is the reason {@code e} happened (anywhere in its causes, as Hibernate,
     * Narayana and Quarkus Security wrap it), else null: a statement stopped by statement_timeout (or
     * cancelled), or no connection to be had (the server down or restarting, the pool's acquisition
     * timeout). Nothing was written in either case, save a connection lost during a commit, and the
     * same request can succeed later. lock_timeout (55P03) stays a 409 busy: another request, not the
     * database, was in the way.
     */
    static Response unavailable(Throwable e, HttpServerRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String detail = unavailableDetail(sql);
                if (detail != null) {
                    Response response = respond(problem(ProblemType.UNAVAILABLE, detail, request, null));
                    response.getHeaders().putSingle("Retry-After", UNAVAILABLE_RETRY_AFTER);
                    return response;
                }
            }
        }
        return null;
    }

    private static String unavailableDetail(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            // Agroal's own refusals carry no SQLSTATE: the acquisition timeout, a pool shutting down
            StackTraceElement[] at = sql.getStackTrace();
            return at.length > 0 && at[0].getClassName().startsWith("io.agroal.")
                    ? "No database connection could be had in time; nothing was written. Send the request again later." : null;
        }
        if (state.equals("57014")) {
            return "The request ran past its deadline and was stopped; nothing was written. Send it again later.";
        }
        // connection exceptions; the server shutting down, crashed or starting; too many connections
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") || state.equals("53300")) {
            return "The database cannot be reached; send the request again later.";
        }
        return null;
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Problem problem(ProblemType type, String detail, HttpServerRequest request, List<FieldError> errors) {
        return new Problem(type.uri, type.title, type.status, detail, request.path(), errors, null);
    }

    private static ProblemType byStatus(int status) {
        return Arrays.stream(ProblemType.values()).filter(t -> t.status == status).findFirst().orElse(
                status >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST);
    }
}
