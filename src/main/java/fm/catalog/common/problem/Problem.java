package fm.catalog.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document: the body of every error this API returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @NotNull @Schema(description = "URI reference naming the kind of problem") String type,
        @NotNull String title,
        @NotNull int status,
        @Schema(description = "What went wrong with this request, for people") String detail,
        @Schema(description = "The request path that met the problem") String instance,
        @Schema(description = "One entry per invalid field or parameter") List<FieldError> errors,
        @Schema(description = "The existing resource a conflict is about, when there is one") Object existing) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: {@code pointer} is a JSON pointer into the body, {@code parameter} a query or header name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FieldError")
    public record FieldError(String pointer, String parameter, @NotNull String message) {
        public static FieldError atPointer(String pointer, String message) {
            return new FieldError(pointer, null, message);
        }

        public static FieldError atParameter(String parameter, String message) {
            return new FieldError(null, parameter, message);
        }
    }
}
