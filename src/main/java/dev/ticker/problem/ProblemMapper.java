package dev.ticker.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.ticker.TickerConfig;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every error into RFC 9457 problem details: ours, Bean Validation, Jackson, the
 * persistence layer and JAX-RS's own (404, 405, 406, 415). Mapping is by type hierarchy, and
 * the catch-all answers 500 without any detail, so no class name, SQL or stack trace leaks.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String VALIDATION_TYPE = "urn:ticker:problem:validation-failed";
    public static final String MALFORMED_TYPE = "urn:ticker:problem:malformed-request";
    public static final String UNAVAILABLE_TYPE = "urn:ticker:problem:database-unavailable";

    private final RouteTable routes;
    private final String retryAfter;

    ProblemMapper(RouteTable routes, TickerConfig config) {
        this.routes = routes;
        this.retryAfter = Long.toString(Math.max(1, config.outage().retryAfter().toSeconds()));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri), e.errors()));
        // RFC 9110: a 401 says how to authenticate
        return e.status() == 401 ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, Problem.BEARER_CHALLENGE).build()
                : response;
    }

    /** A token was sent, but it is not valid (proactive authentication failed). */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        String detail = e.getAttribute(Problem.DETAIL);
        return unauthorized(detail != null ? detail : "The bearer token is not valid.", uri);
    }

    /** No token where the operation needs one. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized("This request needs a bearer token (Authorization: Bearer <token>).", uri);
    }

    /** A valid token whose role is too low for the operation. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Forbidden", 403, "The token's role does not allow this.", path(uri), null));
    }

    private static Response unauthorized(String detail, UriInfo uri) {
        return Response.fromResponse(respond(new Problem("about:blank", "Unauthorized", 401, detail, path(uri), null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, Problem.BEARER_CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers, Request request) {
        JsonProcessingException json = causeOf(e, JsonProcessingException.class);
        if (json != null) {
            return json(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        String detail = webDetail(status, e);
        if (status == 415) {
            Set<String> accepted = routes.consumes(request.getMethod(), path(uri));
            String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
            detail = (sent == null ? "A body without a media type" : "The media type '" + Problem.echo(sent) + "'")
                    + " is not accepted here" + (accepted.isEmpty() ? "." : "; send " + String.join(" or ", accepted) + ".");
        }
        Response.ResponseBuilder builder = Response.status(status)
                .type(PROBLEM_JSON)
                .entity(new Problem("about:blank", reason(status), status, detail, path(uri), null));
        if (status == 405) {
            builder.header(HttpHeaders.ALLOW, routes.allowed(path(uri)));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (propertyOf(violation.getPropertyPath()) == null) {
                // the whole body is missing (not a property named body, such as a news item's): a malformed request
                return problem(new ProblemException(400, MALFORMED_TYPE, "Malformed request body",
                        "A JSON body is required.", null), uri);
            }
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        ProblemException problem = ProblemException.invalid(errors);
        return problem(problem, uri);
    }

    // Quarkus ships mappers for some Jackson subtypes; naming them here puts ours first.
    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, JsonParseException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        return problem(malformed(e), uri);
    }

    /** The 400 for a body that is not valid JSON or does not fit the request schema. */
    public static ProblemException malformed(JsonProcessingException e) {
        com.fasterxml.jackson.core.exc.StreamConstraintsException limit = causeOf(e,
                com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
        if (limit != null) {
            // Jackson's message names the limit's getter ("..., from `StreamReadConstraints.getMaxNestingDepth()`)")
            String reason = String.valueOf(limit.getOriginalMessage()).replaceAll(",? from `[^`]*`", "").replaceAll("\\s+", " ");
            return new ProblemException(400, "urn:ticker:problem:body-over-limit", "Request body over a limit",
                    reason.contains("`") || reason.contains("java.") ? "The body exceeds a limit of the JSON it may hold."
                            : "The body exceeds a limit of the JSON it may hold: " + reason + ".",
                    null);
        }
        return new ProblemException(400, MALFORMED_TYPE, "Malformed request body", jsonDetail(e), null);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return respond(new Problem("urn:ticker:problem:concurrent-update", "Conflict", 409,
                "The resource was changed by another request at the same time; fetch it and try again.", path(uri), null));
    }

    /** The body could not be read: the client went away or sent more than the limit. */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e, UriInfo uri) {
        Log.debugf("Request body could not be read: %s", e.getMessage());
        return respond(new Problem(MALFORMED_TYPE, "Malformed request body", 400, "The request body could not be read.",
                path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        ProblemException problem = causeOf(e, ProblemException.class);
        if (problem != null) {
            return problem(problem, uri);
        }
        if (DatabaseUnavailable.causes(e)) {
            return unavailable(e, uri);
        }
        if (causeOf(e, OptimisticLockException.class) != null || causeOf(e, StaleStateException.class) != null
                || concurrencyFailure(e)) {
            return concurrentUpdate(null, uri);
        }
        org.hibernate.exception.ConstraintViolationException constraint = causeOf(e,
                org.hibernate.exception.ConstraintViolationException.class);
        if (constraint != null && constraint.getConstraintName() != null && constraint.getConstraintName().endsWith("_key")) {
            return respond(new Problem("urn:ticker:problem:conflict", "Conflict", 409,
                    "A resource with the same unique value was written at the same time; try again.", path(uri), null));
        }
        if (constraint != null && constraint.getConstraintName() != null && constraint.getConstraintName().endsWith("_fkey")) {
            // a foreign key refused a delete (or a reference that vanished meanwhile): nothing dangles
            return respond(new Problem("urn:ticker:problem:conflict", "Conflict", 409,
                    "The resource is still referred to by others (or refers to one that is gone); "
                            + "remove the reference first.", path(uri), null));
        }
        Log.error("Unexpected error", e);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "The request could not be completed. The error has been logged.", path(uri), null));
    }

    /**
     * PostgreSQL cannot be reached (down, restarting, full, or no pooled connection in time): the
     * client may try again, as Retry-After says. Logged at debug only: the change feed logs the
     * outage once (docs/reliability-outage.md).
     */
    private Response unavailable(Throwable e, UriInfo uri) {
        Log.debugf("Database unavailable: %s", e);
        return Response.fromResponse(respond(new Problem(UNAVAILABLE_TYPE, "Service Unavailable", 503,
                "The service cannot reach its database at the moment. Try again in a few seconds (see Retry-After).",
                path(uri), null))).header(HttpHeaders.RETRY_AFTER, retryAfter).build();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /**
     * PostgreSQL gave up on a transaction because of another one: a deadlock (40P01), a
     * serialisation failure (40001) or a lock it could not get (55P03). Nothing was written; the
     * client may try again, as after a lost optimistic lock.
     */
    private static boolean concurrencyFailure(Throwable e) {
        java.sql.SQLException sql = causeOf(e, java.sql.SQLException.class);
        return sql != null && java.util.Set.of("40P01", "40001", "55P03").contains(sql.getSQLState());
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String webDetail(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed here; see the Allow header.";
            case 406 -> "None of the media types in the Accept header can be produced.";
            case 413 -> "The request body is too large.";
            case 401 -> "A valid bearer token is required.";
            case 403 -> "The token's role does not allow this.";
            default -> status >= 500 ? "The request could not be completed." : reason(status);
        };
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            default -> "Error";
        };
    }

    /** The property path of a violation as a JSON path, without the method and parameter names. */
    static String fieldOf(Path path) {
        String property = propertyOf(path);
        return property == null ? "body" : property;
    }

    /** The JSON path of the property a violation names, or null when it names the method's parameter itself. */
    private static String propertyOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() == 0 ? null : field.toString();
    }

    private static String jsonDetail(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown property '" + jsonPath(unknown.getPath()) + "'. Check its spelling against the API description.";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String field = jsonPath(mismatch.getPath());
            return (field.isEmpty() ? "The body" : "'" + field + "'") + " must be " + describe(mismatch.getTargetType()) + ".";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String reason = e.getOriginalMessage();
            if (reason == null || reason.contains("`") || reason.contains("java.")) {
                reason = "is invalid";
            }
            return "'" + jsonPath(mapping.getPath()) + "' " + reason + ".";
        }
        String reason = e.getOriginalMessage();
        if (e instanceof JsonParseException && reason != null && !reason.contains("`") && !reason.contains("java.")
                && reason.length() < 200) {
            return "The body is not valid JSON: " + reason.replaceAll("\\s+", " ")
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")." : ".");
        }
        if (e.getLocation() != null) {
            return "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").";
        }
        return "The body is not valid JSON.";
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static final Map<Class<?>, String> JSON_TYPES = Map.of(
            String.class, "a string",
            Integer.class, "an integer", int.class, "an integer",
            Boolean.class, "true or false", boolean.class, "true or false",
            UUID.class, "a UUID",
            Instant.class, "an RFC 3339 timestamp such as 2025-11-12T08:00:00Z",
            LocalDate.class, "a date such as 2025-11-12",
            LocalTime.class, "a time such as 14:00 (HH:mm)");

    private static String describe(Class<?> type) {
        String known = JSON_TYPES.get(type);
        if (known != null) {
            return known;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }
}
