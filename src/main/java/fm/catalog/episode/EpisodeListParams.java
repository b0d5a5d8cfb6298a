package fm.catalog.episode;

import fm.catalog.common.paging.ListParams;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Paging plus the episode filters, shared by every episode list. */
public class EpisodeListParams extends ListParams {

    @QueryParam("show")
    @Parameter(description = "Show id or slug")
    public String show;

    @QueryParam("guest")
    @Parameter(description = "Guest id or slug")
    public String guest;

    @QueryParam("topic")
    @Parameter(description = "Topic id or slug")
    public String topic;

    @QueryParam("season")
    @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
    public String season;

    @QueryParam("type")
    @Parameter(schema = @Schema(enumeration = {"full", "trailer", "bonus"}))
    public String type;

    @QueryParam("status")
    @Parameter(schema = @Schema(enumeration = {"draft", "scheduled", "published"}))
    public String status;

    @QueryParam("publishedAfter")
    @Parameter(description = "RFC 3339 timestamp, exclusive", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public String publishedAfter;

    @QueryParam("publishedBefore")
    @Parameter(description = "RFC 3339 timestamp, exclusive", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public String publishedBefore;

    @QueryParam("updatedSince")
    @Parameter(description = "RFC 3339 timestamp, inclusive", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public String updatedSince;

    @QueryParam("guid")
    public String guid;

    @QueryParam("q")
    @Parameter(description = "Full-text search over title, summary, description, chapters, guest and topic names "
            + "(web search syntax: \"quoted phrase\", or, -word); results by relevance unless sort is given. Relevance ranks "
            + "the newest 1,000 matches (catalog.search.ranked-matches); any other sort pages through every match, and count=true counts them all")
    public String q;

    public EpisodeFilter filter() {
        return EpisodeFilter.of(show, guest, topic, season, type, status, publishedAfter, publishedBefore, updatedSince, guid, q);
    }
}
