package fm.catalog.common.paging;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The query parameters every list shares. They arrive as text so that a bad value is our 400
 * problem naming the parameter rather than JAX-RS's bare 404 for unconvertible parameters.
 */
public class ListParams {

    @QueryParam("limit")
    @Parameter(description = "Items per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20", minimum = "1", maximum = "100"))
    public String limit;

    @QueryParam("cursor")
    @Parameter(description = "The nextCursor of the previous page")
    public String cursor;

    @QueryParam("count")
    @Parameter(description = "Also return the total number of matching items", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    public String count;

    @QueryParam("sort")
    @Parameter(description = "Sort order: a field name, '-' in front for descending")
    public String sort;

    public PageRequest page() {
        return PageRequest.of(limit, cursor, count);
    }
}
