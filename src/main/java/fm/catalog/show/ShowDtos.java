package fm.catalog.show;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fm.catalog.common.http.Versioned;
import fm.catalog.common.slug.Slugs;
import fm.catalog.common.validation.HttpUrl;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ShowDtos {
    private ShowDtos() {
    }

    /** What a client writes. Read-only fields of {@link ShowView} are accepted and ignored, so a GET body can be PUT back. */
    @JsonIgnoreProperties({"id", "createdAt", "updatedAt", "version", "feedUrl"})
    @Schema(name = "ShowInput")
    public record ShowInput(
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120)
            @Schema(description = "Generated from the title when absent") String slug,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 100_000) String description,
            @Size(max = 300) String author,
            @HttpUrl String imageUrl,
            @Size(max = 35) @Schema(description = "BCP 47 language tag", examples = "en") String language,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> categories,
            Boolean explicit,
            @HttpUrl String websiteUrl) {

        static ShowInput from(Show show) {
            return new ShowInput(show.slug, show.title, show.description, show.author, show.imageUrl, show.language,
                    show.categories, show.explicit, show.websiteUrl);
        }
    }

    @Schema(name = "Show")
    public record ShowView(
            @Schema(required = true) Long id,
            @Schema(required = true) String slug,
            @Schema(required = true) String title,
            String description,
            String author,
            String imageUrl,
            String language,
            @Schema(required = true) List<String> categories,
            @Schema(required = true) Boolean explicit,
            String websiteUrl,
            @Schema(required = true, description = "RSS feed of the show's published episodes") String feedUrl,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true) long version) implements Versioned {

        static ShowView from(Show show, String baseUrl) {
            return new ShowView(show.id, show.slug, show.title, show.description, show.author, show.imageUrl, show.language,
                    List.copyOf(show.categories), show.explicit, show.websiteUrl, baseUrl + "/feeds/" + show.slug + ".xml",
                    show.createdAt, show.updatedAt, show.version);
        }
    }

    /** How an episode names its show. */
    @Schema(name = "ShowSummary")
    public record ShowSummary(@Schema(required = true) Long id, @Schema(required = true) String slug, @Schema(required = true) String title) {
        public static ShowSummary from(Show show) {
            return new ShowSummary(show.id, show.slug, show.title);
        }
    }
}
