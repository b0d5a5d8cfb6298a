package fm.catalog.common.slug;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The object form of a {@link Ref}, documented for clients; summary fields beside it are ignored. */
@Schema(name = "RefObject", description = "Either id or slug; other summary fields (name, title...) are ignored on input")
public record RefObject(@Schema(description = "A positive id", minimum = "1") Long id, String slug) {
}
