package fm.catalog.link;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import fm.catalog.common.http.Versioned;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.Slugs;
import fm.catalog.common.validation.HttpUrl;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class LinkDtos {
    private LinkDtos() {
    }

    /** A standalone link: exactly one of episode, guest or show owns it. */
    @JsonIgnoreProperties({"id", "createdAt", "updatedAt", "version"})
    @Schema(name = "LinkInput")
    public record LinkInput(
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120) String slug,
            @NotNull LinkKind kind,
            @Size(max = 300) String title,
            @NotNull @HttpUrl String url,
            @Min(0) @Schema(description = "Place among the owner's links; after the last when absent") Integer position,
            @Schema(implementation = Ref.class) Ref episode,
            @Schema(implementation = Ref.class) Ref guest,
            @Schema(implementation = Ref.class) Ref show) {

        static LinkInput from(Link link) {
            return new LinkInput(link.slug, link.kind, link.title, link.url, link.position,
                    link.episodeId == null ? null : Ref.of(link.episodeId),
                    link.guestId == null ? null : Ref.of(link.guestId),
                    link.showId == null ? null : Ref.of(link.showId));
        }
    }

    /**
     * A link written inside an episode. Its place in the array is its position; the episode owns
     * it. A link with the URL of one the episode already has keeps that link's id and slug.
     */
    @JsonIgnoreProperties({"id", "position", "episode", "guest", "show", "createdAt", "updatedAt", "version"})
    @Schema(name = "EpisodeLinkInput")
    public record InlineLinkInput(
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120) String slug,
            @NotNull LinkKind kind,
            @Size(max = 300) String title,
            @NotNull @HttpUrl String url) {
    }

    @Schema(name = "OwnerRef")
    public record OwnerRef(@Schema(required = true) Long id, @Schema(required = true) String slug) {
    }

    @Schema(name = "Link")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LinkView(
            @Schema(required = true) Long id,
            @Schema(required = true) String slug,
            @Schema(required = true) LinkKind kind,
            String title,
            @Schema(required = true) String url,
            @Schema(required = true) Integer position,
            @Schema(description = "Owner, when an episode") OwnerRef episode,
            @Schema(description = "Owner, when a guest") OwnerRef guest,
            @Schema(description = "Owner, when a show") OwnerRef show,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true) long version) implements Versioned {

        /** The view of a link whose owner has the slug {@code ownerSlug}. */
        public static LinkView from(Link link, String ownerSlug) {
            OwnerRef owner = new OwnerRef(link.ownerId(), ownerSlug);
            LinkOwner.Kind kind = link.ownerKind();
            return new LinkView(link.id, link.slug, link.kind, link.title, link.url, link.position,
                    kind == LinkOwner.Kind.EPISODE ? owner : null, kind == LinkOwner.Kind.GUEST ? owner : null,
                    kind == LinkOwner.Kind.SHOW ? owner : null, link.createdAt, link.updatedAt, link.version);
        }
    }
}
