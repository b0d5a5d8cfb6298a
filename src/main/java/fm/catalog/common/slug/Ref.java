package fm.catalog.common.slug;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import fm.catalog.common.problem.ApiException;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reference to a resource by id or by slug. In a path it is a string of digits (an id) or a
 * slug; in a body it may also be a number or an object with {@code id} or {@code slug}.
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
