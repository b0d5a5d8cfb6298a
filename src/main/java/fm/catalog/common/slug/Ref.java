package fm.catalog.common.slug;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import fm.catalog.common.problem.ApiException;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reference to a resource by id or by slug. In a path it is a string of digits (an id) or a
 * slug; in a body it may also be a number or an object with {@code id} or {@code slug}. Ids are
 * positive; a body ref that cannot name anything (id 0 or below, past a long, a slug holding
 * U+0000) is refused while the body is read, so it never reaches a query.
 */
@JsonDeserialize(using = RefDeserializer.class)
@Schema(name = "Ref", description = "An id (number or digits), a slug, or an object with id or slug",
        oneOf = {String.class, Long.class, RefObject.class})
public record Ref(Long id, String slug) {

    public static Ref parse(String text) {
        if (text != null && !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(Character::isDigit)) {
            return new Ref(Long.parseLong(text), null);
        }
        return new Ref(null, text);
    }

    public static Ref of(long id) {
        return new Ref(id, null);
    }

    /**
     * A ref written in a body as a string: {@link #parse} once it passes {@link #problemWith}.
     *
     * @throws IllegalArgumentException with a message for clients when it cannot name anything
     */
    public static Ref fromBody(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return parse(text.trim());
    }

    /** A ref written in a body as a number; ids are positive. */
    public static Ref fromBody(long id) {
        if (id < 1) {
            throw new IllegalArgumentException(ID_MESSAGE);
        }
        return of(id);
    }

    static final String ID_MESSAGE = "must be a positive whole number (an id) or a slug";

    /** Why a ref written as text can name nothing, or null when it may. */
    static String problemWith(String text) {
        if (text == null || text.isBlank()) {
            return "must be an id or a slug";
        }
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold it: a lookup would fail in the database
            return "must not contain the NUL character (U+0000)";
        }
        return null;
    }

    /**
     * What a ref in a request names: a 404 problem when the ref was the path's
     * (/v1/shows/{ref}/episodes), a 400 naming the query parameter when it was a filter.
     */
    public static <T> T resolve(Ref ref, String kind, boolean inPath, Function<Ref, Optional<T>> finder) {
        return finder.apply(ref).orElseThrow(() -> inPath
                ? ApiException.notFound(kind, ref)
                : ApiException.invalidParameter(kind, "names no " + kind + " ('" + ref + "')"));
    }

    @Override
    public String toString() {
        return id != null ? id.toString() : slug;
    }
}
