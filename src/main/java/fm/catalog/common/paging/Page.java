package fm.catalog.common.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list. {@code nextCursor} is null on the last page; {@code total} only with count=true,
 * and {@code totalEstimated} only when that total is the planner's estimate rather than a count.
 */
public record Page<T>(
        @Schema(required = true) List<T> items,
        @Schema(description = "Pass as cursor= to get the next page; null on the last page") String nextCursor,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Number of matching items, with count=true") Long total,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Present (true) when total is an estimate: an episode list filtered beyond its scope (show, guest, "
                + "topic or none) whose exact count would read too many rows. Absent when total is exact.") Boolean totalEstimated) {
}
