package fm.catalog.common.paging;

import fm.catalog.common.problem.ApiException;

/** The paging part of a list request: limit (1..100, default 20), cursor and count. */
public record PageRequest(int limit, String cursor, boolean count) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Takes the raw query strings so that a bad value is a 400 naming the parameter, not a 404. */
    public static PageRequest of(String limit, String cursor, String count) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ApiException.invalidParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : cursor, QueryParams.bool("count", count));
    }
}
