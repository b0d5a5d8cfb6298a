package fm.catalog.common.problem;

/** RFC 6901 escaping, so that a field name holding '/' or '~' still makes a valid pointer. */
final class JsonPointers {
    private JsonPointers() {
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
