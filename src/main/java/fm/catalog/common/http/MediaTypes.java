package fm.catalog.common.http;

/** Media types the catalog answers in besides JSON, named once. */
public final class MediaTypes {
    /** schema.org structured data (JSON-LD), asked for with Accept on /v1 reads. */
    public static final String JSON_LD = "application/ld+json";
    /** Error pages of the HTML embeds. */
    public static final String HTML = "text/html;charset=UTF-8";

    private MediaTypes() {
    }
}
