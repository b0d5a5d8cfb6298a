package fm.catalog.topic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fm.catalog.common.http.Versioned;
import fm.catalog.common.slug.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class TopicDtos {
    private TopicDtos() {
    }

    @JsonIgnoreProperties({"id", "createdAt", "updatedAt", "version", "episodeCount"})
    @Schema(name = "TopicInput")
    public record TopicInput(
            @Pattern(regexp = Slugs.PATTERN, message = "must be lowercase letters, digits and dashes, with a letter") @Size(max = 120)
            @Schema(description = "Generated from the name when absent") String slug,
            @NotBlank @Size(max = 300) String name,
            @Size(max = 100_000) String description) {

        static TopicInput from(Topic topic) {
            return new TopicInput(topic.slug, topic.name, topic.description);
        }
    }

    @Schema(name = "Topic")
    public record TopicView(
            @Schema(required = true) Long id,
            @Schema(required = true) String slug,
            @Schema(required = true) String name,
            String description,
            @Schema(required = true, description = "Episodes the topic is on") Long episodeCount,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true) long version) implements Versioned {

        static TopicView from(Topic topic, long episodeCount) {
            return new TopicView(topic.id, topic.slug, topic.name, topic.description, episodeCount,
                    topic.createdAt, topic.updatedAt, topic.version);
        }
    }

    @Schema(name = "TopicSummary")
    public record TopicSummary(@Schema(required = true) Long id, @Schema(required = true) String slug, @Schema(required = true) String name) {
        public static TopicSummary from(Topic topic) {
            return new TopicSummary(topic.id, topic.slug, topic.name);
        }
    }
}
