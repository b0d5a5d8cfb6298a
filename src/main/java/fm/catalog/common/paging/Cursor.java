package fm.catalog.common.paging;

import fm.catalog.common.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position after the last item of a page: the sort it belongs to, that item's sort value and
 * its id (the tie-breaker). Opaque to clients; base64url so it travels in a query string as is.
 */
record Cursor(String sort, String value, long id) {

    String encode() {
        String plain = sort + '\n' + id + '\n' + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token, String expectedSort) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split("\n", 3);
            if (parts.length == 3) {
                if (!parts[0].equals(expectedSort)) {
                    throw ApiException.invalidParameter("cursor", "belongs to another sort order; start again without it");
                }
                return new Cursor(parts[0], parts[2], Long.parseLong(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw ApiException.invalidParameter("cursor", "is not a cursor this API gave out");
    }
}
