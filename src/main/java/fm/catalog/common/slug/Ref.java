package fm.catalog.common.slug;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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

    @Override
    public String toString() {
        return id != null ? id.toString() : slug;
    }
}
