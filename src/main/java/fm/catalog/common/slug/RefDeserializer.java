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
            return new Ref(p.getLongValue(), null);
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getText().trim();
            if (text.isEmpty()) {
                throw JsonMappingException.from(p, "must be an id or a slug");
            }
            return Ref.parse(text);
        }
        if (token == JsonToken.START_OBJECT) {
            JsonNode node = ctxt.readTree(p);
            Long id = null;
            String slug = null;
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = node.get(name);
                if (name.equals("id") && !value.isNull()) {
                    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                        throw JsonMappingException.from(p, "id must be a whole number");
                    }
                    id = value.asLong();
                } else if (name.equals("slug") && !value.isNull()) {
                    if (!value.isTextual()) {
                        throw JsonMappingException.from(p, "slug must be a string");
                    }
                    slug = value.asText();
                } else if (!name.equals("id") && !name.equals("slug") && !SUMMARY_FIELDS.contains(name)) {
                    throw JsonMappingException.from(p, "'" + name + "' is not a field of a reference");
                }
            }
            if (id == null && slug == null) {
                throw JsonMappingException.from(p, "must have an id or a slug");
            }
            // An id identifies for sure; a slug sent beside it is the read-only echo of a GET.
            return id != null ? new Ref(id, null) : Ref.parse(slug);
        }
        throw JsonMappingException.from(p, "must be an id, a slug, or an object with id or slug");
    }
}
