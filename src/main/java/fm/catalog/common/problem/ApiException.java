package fm.catalog.common.problem;

import fm.catalog.common.problem.Problem.FieldError;
import java.util.List;

/**
 * The one exception our code throws for anything the client can fix. {@link ProblemMappers} turns
 * it into a problem document; nothing else needs to know about statuses.
 */
public class ApiException extends RuntimeException {
    public final ProblemType type;
    public final List<FieldError> errors;
    public final Object existing;

    public ApiException(ProblemType type, String detail, List<FieldError> errors, Object existing) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
        this.existing = existing;
    }

    public ApiException(ProblemType type, String detail) {
        this(type, detail, null, null);
    }

    public static ApiException notFound(String kind, Object ref) {
        return new ApiException(ProblemType.NOT_FOUND, "No " + kind + " with id or slug '" + ref + "'.");
    }

    public static ApiException invalidField(String pointer, String message) {
        return new ApiException(ProblemType.VALIDATION, "The request body has an invalid field: " + pointer + " " + message + ".",
                List.of(FieldError.atPointer(pointer, message)), null);
    }

    public static ApiException invalidParameter(String parameter, String message) {
        return new ApiException(ProblemType.VALIDATION, "Query parameter '" + parameter + "' " + message + ".",
                List.of(FieldError.atParameter(parameter, message)), null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public static ApiException conflict(String detail, Object existing) {
        return new ApiException(ProblemType.CONFLICT, detail, null, existing);
    }
}
