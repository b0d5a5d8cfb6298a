package fm.catalog.common.slug;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/** Reads a ref in any of its written forms: 12, "12", "kevin-goldsmith", {"id": 12}, {"slug": "..."}. */
class RefDeserializer extends StdDeserializer<Ref> {

    /** Summary fields a client may send back from a GET; they are read-only and ignored. */
    private static final Set<String> SUMMARY_FIELDS = Set.of("name", "title", "headline", "imageUrl", "url");

    RefDeserializer() {
        super(Ref.class);
    }

    @Override
    public Ref deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            // past a long (99999999999999999999) or not positive: no resource has that id
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 1) {
                throw JsonMappingException.from(p, Ref.ID_MESSAGE);
            }
            return Ref.of(p.getLongValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            return text(p, p.getText());
        }
        if (token == JsonToken.START_OBJECT) {
            JsonNode node = ctxt.readTree(p);
            Long id = null;
            String slug = null;
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = node.get(name);
                if (name.equals("id") && !value.isNull()) {
                    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
                        throw JsonMappingException.from(p, "id must be a positive whole number");
                    }
                    id = value.asLong();
                } else if (name.equals("slug") && !value.isNull()) {
                    if (!value.isTextual()) {
                        throw JsonMappingException.from(p, "slug must be a string");
                    }
                    slug = value.asText();
                    if (slug.indexOf('\u0000') >= 0) {
                        throw JsonMappingException.from(p, "slug must not contain the NUL character (U+0000)");
                    }
                } else if (!name.equals("id") && !name.equals("slug") && !SUMMARY_FIELDS.contains(name)) {
                    throw JsonMappingException.from(p, "'" + name + "' is not a field of a reference");
                }
            }
            if (id == null && slug == null) {
                throw JsonMappingException.from(p, "must have an id or a slug");
            }
            // An id identifies for sure; a slug sent beside it is the read-only echo of a GET.
            return id != null ? Ref.of(id) : Ref.parse(slug);
        }
        throw JsonMappingException.from(p, "must be an id, a slug, or an object with id or slug");
    }

    private static Ref text(JsonParser p, String text) throws JsonMappingException {
        String problem = Ref.problemWith(text);
        if (problem != null) {
            throw JsonMappingException.from(p, problem);
        }
        return Ref.parse(text.trim());
    }
}
