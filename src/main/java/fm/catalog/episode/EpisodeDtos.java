package fm.catalog.episode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fm.catalog.common.http.Versioned;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.Slugs;
import fm.catalog.common.validation.HttpUrl;
import fm.catalog.common.validation.Timestamp;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.link.LinkDtos.LinkView;
import fm.catalog.show.ShowDtos.ShowSummary;
import fm.catalog.topic.TopicDtos.TopicSummary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class EpisodeDtos {
    private EpisodeDtos() {
    }

    /**
     * What a client writes. Guests and topics are refs; chapters and links are inline and belong
     * to the episode (PUT replaces them). Read-only fields of {@link EpisodeView} are ignored.
     */
    @JsonIgnoreProperties({"id", "createdAt", "updatedAt", "version"})
    @Schema(name = "EpisodeInput")
    public record EpisodeInput(
            @NotNull @Schema(implementation = Ref.class, description = "The show: id, slug, or {id}/{slug}") Ref show,
            @Size(min = 1, max = 500) @Schema(description = "Unique within the show; generated when absent on create, kept when absent on replace") String guid,
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120)
            @Schema(description = "Generated from the title when absent") String slug,
            @Min(0) Integer number,
            @Min(0) Integer season,
            @Schema(description = "Default full") EpisodeType type,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 4000) String summary,
            @Size(max = 200_000) String description,
            @Schema(description = "Default draft; published without publishedAt is published now; scheduled needs publishedAt") EpisodeStatus status,
            @Timestamp Instant publishedAt,
            @Min(0) Integer durationSeconds,
            @Valid Audio audio,
            @HttpUrl String imageUrl,
            Boolean explicit,
            @Size(max = 35) String language,
            @Size(max = 100) List<@NotNull @Valid GuestCredit> guests,
            @Size(max = 100) @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = Ref.class)
            List<@NotNull Ref> topics,
            @Size(max = 500) List<@NotNull @Valid ChapterItem> chapters,
            @Size(max = 100) List<@NotNull @Valid InlineLinkInput> links) {
    }

    @Schema(name = "Audio")
    public record Audio(
            @NotNull @HttpUrl String url,
            @Size(max = 100) @Schema(examples = "audio/mpeg") String mimeType,
            @Min(0) Long sizeBytes) {
    }

    /**
     * A guest on an episode: {@code ref} (or, as in a GET body, {@code id} or {@code slug}) and a
     * role. The guest's name, headline and image are read-only here.
     */
    @JsonIgnoreProperties({"name", "headline", "imageUrl"})
    @Schema(name = "GuestCreditInput")
    public record GuestCredit(
            @Schema(implementation = Ref.class) Ref ref,
            @Positive Long id,
            String slug,
            @Schema(description = "Default guest") GuestRole role) {

        /** The most common credit needs no ceremony: without a role, a guest is a guest. */
        public GuestCredit {
            role = role == null ? GuestRole.GUEST : role;
        }

        Ref target() {
            if (ref != null) return ref;
            if (id != null) return Ref.of(id);
            return slug == null ? null : Ref.parse(slug);
        }
    }

    @Schema(name = "Chapter")
    public record ChapterItem(
            @NotBlank @Size(max = 500) String title,
            @Min(0) @Schema(description = "Seconds from the start; null for a show-notes heading without a time") Integer startTime) {
    }

    @Schema(name = "EpisodeGuest")
    public record GuestCreditView(@Schema(required = true) Long id, @Schema(required = true) String slug, @Schema(required = true) String name, String headline, String imageUrl,
                                  @Schema(required = true) GuestRole role) {
    }

    @Schema(name = "Episode")
    public record EpisodeView(
            @Schema(required = true) Long id,
            @Schema(required = true) ShowSummary show,
            @Schema(required = true) String guid,
            @Schema(required = true) String slug,
            Integer number,
            Integer season,
            @Schema(required = true) EpisodeType type,
            @Schema(required = true) String title,
            String summary,
            String description,
            @Schema(required = true) EpisodeStatus status,
            Instant publishedAt,
            Integer durationSeconds,
            Audio audio,
            String imageUrl,
            @Schema(required = true) Boolean explicit,
            String language,
            @Schema(required = true) List<GuestCreditView> guests,
            @Schema(required = true) List<TopicSummary> topics,
            @Schema(required = true) List<ChapterItem> chapters,
            @Schema(required = true) List<LinkView> links,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true) long version) implements Versioned {
    }
}
