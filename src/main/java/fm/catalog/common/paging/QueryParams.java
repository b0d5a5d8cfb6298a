package fm.catalog.common.paging;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.validation.Timestamp;
import fm.catalog.common.validation.TimestampValidator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses query parameters of list requests; a bad value is a 400 problem naming the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    public static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidParameter(name, "must be true or false");
        };
    }

    /** A whole number from {@code min} to {@code max}; anything else (1.5, 1e3, 2147483648) is a 400 naming the parameter. */
    public static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter(name, "must be a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw ApiException.invalidParameter(name, "must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    /**
     * An RFC 3339 timestamp within the years 0001 to 9999, what PostgreSQL stores and prints back
     * as RFC 3339 (OffsetDateTime alone reads "+99999-01-01T00:00:00Z" and year 0000).
     */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter(name, "must be an RFC 3339 timestamp such as 2024-01-31T09:00:00Z");
        }
        if (!TimestampValidator.inRange(instant)) {
            throw ApiException.invalidParameter(name, Timestamp.RANGE);
        }
        return instant;
    }
}
