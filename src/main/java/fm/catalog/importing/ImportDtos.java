package fm.catalog.importing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.Slugs;
import fm.catalog.common.validation.HttpUrl;
import fm.catalog.common.validation.Timestamp;
import fm.catalog.episode.EpisodeDtos.Audio;
import fm.catalog.episode.EpisodeDtos.ChapterItem;
import fm.catalog.episode.EpisodeStatus;
import fm.catalog.episode.EpisodeType;
import fm.catalog.episode.GuestRole;
import fm.catalog.link.LinkDtos.InlineLinkInput;
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

public final class ImportDtos {
    public static final int MAX_EPISODES = 1000;

    private ImportDtos() {
    }

    @Schema(name = "EpisodeImport")
    public record ImportRequest(
            @NotNull @Schema(implementation = Ref.class) Ref show,
            @Schema(description = "Report what would happen without writing") Boolean dryRun,
            @Schema(description = "Default true: one invalid episode and nothing is written") Boolean atomic,
            @NotNull @Size(max = MAX_EPISODES) List<@NotNull ImportItem> episodes) {
    }

    /** An episode as imported: upserted by guid; guests and topics by ref, or made/matched by slug. */
    @JsonIgnoreProperties({"id", "show", "createdAt", "updatedAt", "version"})
    @Schema(name = "EpisodeImportItem")
    public record ImportItem(
            @NotBlank @Size(max = 500) String guid,
            @Schema(description = "The slug of a new episode: it must be free, or the episode fails (as a single write answers 409). "
                    + "Made from the title when absent. An episode the show has keeps its slug.")
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120) String slug,
            @Min(0) Integer number,
            @Min(0) Integer season,
            EpisodeType type,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 4000) String summary,
            @Size(max = 200_000) String description,
            EpisodeStatus status,
            @Timestamp Instant publishedAt,
            @Min(0) Integer durationSeconds,
            @Valid Audio audio,
            @HttpUrl String imageUrl,
            Boolean explicit,
            @Size(max = 35) String language,
            @Size(max = 100) List<@NotNull @Valid ImportGuest> guests,
            @Size(max = 100) List<@NotNull @Valid ImportTopic> topics,
            @Size(max = 500) List<@NotNull @Valid ChapterItem> chapters,
            @Size(max = 100) List<@NotNull @Valid InlineLinkInput> links) {
    }

    /** A guest by ref (ref, id or slug), or described by name: then matched by slug or created. */
    @JsonIgnoreProperties({"episodeCount", "links"})
    @Schema(name = "GuestImport")
    public record ImportGuest(
            @Schema(implementation = Ref.class) Ref ref,
            @Positive Long id,
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120) String slug,
            @Size(max = 300) String name,
            @Size(max = 500) String headline,
            @Size(max = 300) String organization,
            @HttpUrl String imageUrl,
            @HttpUrl String websiteUrl,
            @Schema(description = "Default guest (an RSS podcast:person without a role is a host, as Podcasting 2.0 says)") GuestRole role) {

        /** As in a single write: without a role, a guest is a guest. */
        public ImportGuest {
            role = role == null ? GuestRole.GUEST : role;
        }
    }

    /** A topic by ref ("failure", 12) or described ({"name": "Failure"}): then matched by slug or created. */
    @Schema(name = "TopicImport")
    public record ImportTopic(
            @Schema(implementation = Ref.class) Ref ref,
            @Positive Long id,
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120) String slug,
            @Size(max = 300) String name,
            @Size(max = 100_000) String description) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ImportTopic of(String ref) {
            return new ImportTopic(Ref.fromBody(ref), null, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ImportTopic of(long id) {
            return new ImportTopic(Ref.fromBody(id), null, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ImportTopic of(double id) {
            throw new IllegalArgumentException("must be a positive whole number (an id) or a slug");
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ImportTopic {
        }
    }

    @Schema(name = "ImportResult")
    public record ImportResult(@Schema(required = true) int created, @Schema(required = true) int updated, @Schema(required = true) int unchanged, @Schema(required = true) int failed,
                               @Schema(required = true) boolean dryRun, @Schema(required = true) List<ItemResult> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ImportItemResult")
    public record ItemResult(@Schema(required = true) String guid,
                             @Schema(required = true, enumeration = {"created", "updated", "unchanged", "failed", "skipped"}) String status,
                             Long id, String slug, Problem problem) {
    }

    /** The answer when an atomic import is refused: a problem that also carries the per-episode results. */
    @Schema(name = "ImportProblem")
    public record ImportProblem(@Schema(required = true) String type, @Schema(required = true) String title, @Schema(required = true) int status, @Schema(required = true) String detail,
                                String instance, @Schema(required = true) int created, @Schema(required = true) int updated, @Schema(required = true) int unchanged,
                                @Schema(required = true) int failed, @Schema(required = true) boolean dryRun, @Schema(required = true) List<ItemResult> results) {
    }
}
