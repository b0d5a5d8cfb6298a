package fm.catalog.common.paging;

import fm.catalog.common.problem.ApiException;
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

    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter(name, "must be a whole number");
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter(name, "must be an RFC 3339 timestamp such as 2024-01-31T09:00:00Z");
        }
    }
}
