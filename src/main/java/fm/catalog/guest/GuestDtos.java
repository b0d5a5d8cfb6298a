package fm.catalog.guest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fm.catalog.common.http.Versioned;
import fm.catalog.common.slug.Slugs;
import fm.catalog.common.validation.HttpUrl;
import fm.catalog.link.LinkDtos.LinkView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class GuestDtos {
    private GuestDtos() {
    }

    /** Links are managed at /v1/links (owner guest) and are read-only here. */
    @JsonIgnoreProperties({"id", "createdAt", "updatedAt", "version", "episodeCount", "links"})
    @Schema(name = "GuestInput")
    public record GuestInput(
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120)
            @Schema(description = "Generated from the name when absent") String slug,
            @NotBlank @Size(max = 300) String name,
            @Size(max = 500) String headline,
            @Size(max = 300) String organization,
            @Size(max = 100_000) String bio,
            @HttpUrl String imageUrl,
            @HttpUrl String websiteUrl) {

        static GuestInput from(Guest guest) {
            return new GuestInput(guest.slug, guest.name, guest.headline, guest.organization, guest.bio, guest.imageUrl, guest.websiteUrl);
        }
    }

    @Schema(name = "Guest")
    public record GuestView(
            @Schema(required = true) Long id,
            @Schema(required = true) String slug,
            @Schema(required = true) String name,
            String headline,
            String organization,
            String bio,
            String imageUrl,
            String websiteUrl,
            @Schema(required = true) List<LinkView> links,
            @Schema(required = true, description = "Episodes the guest appears on") Long episodeCount,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true) long version) implements Versioned {

        static GuestView from(Guest guest, List<LinkView> links, long episodeCount) {
            return new GuestView(guest.id, guest.slug, guest.name, guest.headline, guest.organization, guest.bio,
                    guest.imageUrl, guest.websiteUrl, links, episodeCount, guest.createdAt, guest.updatedAt, guest.version);
        }
    }
}
