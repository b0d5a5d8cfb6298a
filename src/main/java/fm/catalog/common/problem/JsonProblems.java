package fm.catalog.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import fm.catalog.common.problem.Problem.FieldError;
import fm.catalog.common.validation.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Turns Jackson's reading errors into problems that name the field in words, never a Java type. */
public final class JsonProblems {
    private JsonProblems() {
    }

    public static ApiException of(JsonProcessingException e) {
        // Jackson wraps what fails beneath it, such as a body found over its size limit while read
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
        }
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            var location = e.getLocation();
            String detail = location == null || location.getLineNr() < 0 ? "The request body is not valid JSON."
                    : "The request body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ").";
            return new ApiException(ProblemType.VALIDATION, detail);
        }
        String pointer = pointer(mapping.getPath());
        String message = message(mapping);
        return new ApiException(ProblemType.VALIDATION, "The request body has an invalid field: " + pointer + " " + message + ".",
                List.of(FieldError.atPointer(pointer, message)), null);
    }

    private static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException coercion) {
                // a number past the range of its field's type: 2147483648 for an int
                return range(coercion.getTargetType());
            }
            if (cause instanceof DateTimeException) {
                // epoch seconds beyond what Instant holds (1e20)
                return Timestamp.RANGE;
            }
            if (e instanceof ValueInstantiationException && cause instanceof IllegalArgumentException) {
                // our own factories (a ref written as text or a number) phrase their refusals for clients
                return cause.getMessage();
            }
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (target == Instant.class) {
            return "must be an RFC 3339 timestamp such as 2024-01-31T09:00:00Z";
        }
        if (e instanceof InvalidFormatException && target != null && isWholeNumber(target)) {
            // 1.5 or 1e30 for an int or a long: no silent rounding
            return "must be a whole number";
        }
        if (e instanceof InvalidFormatException) {
            return "has an invalid value";
        }
        if (target != null) {
            return "must be " + expected(target);
        }
        // Our own deserializers (refs) phrase their messages for clients.
        return e.getOriginalMessage();
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class;
    }

    private static String range(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "is out of range";
    }

    private static String expected(Class<?> type) {
        if (type == String.class) return "a string";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "an array";
        return "an object";
    }

    static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/');
            if (ref.getFieldName() != null) {
                pointer.append(JsonPointers.escape(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }
}
