package fm.catalog.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document: the body of every error this API returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(required = true, description = "URI reference naming the kind of problem") String type,
        @Schema(required = true) String title,
        @Schema(required = true) int status,
        @Schema(description = "What went wrong with this request, for people") String detail,
        @Schema(description = "The request path that met the problem") String instance,
        @Schema(description = "One entry per invalid field or parameter") List<FieldError> errors,
        @Schema(description = "The existing resource a conflict is about, when there is one") Object existing) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: {@code pointer} is a JSON pointer into the body, {@code parameter} a query or header name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FieldError")
    public record FieldError(String pointer, String parameter, @Schema(required = true) String message) {
        public static FieldError atPointer(String pointer, String message) {
            return new FieldError(pointer, null, message);
        }

        public static FieldError atParameter(String parameter, String message) {
            return new FieldError(null, parameter, message);
        }
    }
}
