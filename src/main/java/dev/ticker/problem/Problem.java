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

    /** What a 401 says about how to authenticate (RFC 9110). */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"ticker\"";

    /**
     * The key of an exception's attribute that holds a detail written for the client, where the
     * exception type is the framework's (a failed authentication).
     */
    public static final String DETAIL = "ticker.problem.detail";

    /** Client input to echo in a detail: short, and with control characters replaced. */
    public static String echo(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }

    @Schema(name = "FieldError", description = "One invalid field of a request.")
    public record FieldError(
            @Schema(description = "The field, as a JSON path into the request body.", examples = "name") String field,
            @Schema(description = "Why the value is invalid.", examples = "must not be blank") String message) {
    }
}
