package fm.catalog.episode;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Podcasting 2.0 JSON chapters document of an episode (version 1.2.0 of the format). */
@Schema(name = "JsonChapters")
public record EpisodeChapters(@Schema(required = true) String version, @Schema(required = true) List<Item> chapters) {
    public static final String MEDIA_TYPE = "application/json+chapters";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "JsonChapter")
    public record Item(@Schema(required = true) int startTime, @Schema(required = true) String title) {
    }

    /**
     * Chapters without a time (show-notes headings) are left out: the format requires startTime.
     * No chapter has a url here: the catalog keeps none for chapters.
     */
    static EpisodeChapters of(List<EpisodeDtos.ChapterItem> chapters) {
        return new EpisodeChapters("1.2.0", chapters.stream()
                .filter(c -> c.startTime() != null)
                .map(c -> new Item(c.startTime(), c.title()))
                .toList());
    }
}
