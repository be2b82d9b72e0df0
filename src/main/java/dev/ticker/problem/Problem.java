package dev.ticker.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem details document, the body of every error response. */
@Schema(name = "Problem", description = "RFC 9457 problem details.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(description = "Identifies the kind of problem.", examples = "urn:ticker:problem:validation-failed") String type,
        @Schema(description = "Short summary of the kind of problem.", examples = "Validation failed") String title,
        @Schema(description = "The HTTP status code.", examples = "422") int status,
        @Schema(description = "What went wrong with this request.", examples = "1 field is invalid.") String detail,
        @Schema(description = "The request path.", examples = "/v1/members") String instance,
        @Schema(description = "Field errors of a validation failure (422).") List<FieldError> errors) {

    @Schema(name = "FieldError", description = "One invalid field of a request.")
    public record FieldError(
            @Schema(description = "The field, as a JSON path into the request body.", examples = "name") String field,
            @Schema(description = "Why the value is invalid.", examples = "must not be blank") String message) {
    }
}
