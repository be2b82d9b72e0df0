package dev.ticker.problem;

import java.util.List;

/**
 * An error the client can act on; the exception mapper turns it into problem details.
 * The message is shown to the client as {@code detail}: never put internals in it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "urn:ticker:problem:bad-request", "Bad request", detail, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "about:blank", "Not Found", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "urn:ticker:problem:conflict", "Conflict", detail, null);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "urn:ticker:problem:precondition-failed", "Precondition failed", detail, null);
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return new ProblemException(422, ProblemMapper.VALIDATION_TYPE, "Validation failed", detail, errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
