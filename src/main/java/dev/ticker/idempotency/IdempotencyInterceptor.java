package dev.ticker.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;
import dev.ticker.problem.ProblemMapper;
import dev.ticker.web.Sha256;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * Makes a POST with an {@code Idempotency-Key} header safe to retry (docs/idempotency.md). The
 * claim of the key, the request's own writes (the services' transactions join this one) and the
 * answer kept for retries commit together, or not at all: a request that fails (any 4xx or 5xx)
 * leaves no trace, and its retry runs again. What happens after a commit (webhook deliveries
 * waking, read caches emptied) happens after this commit.
 *
 * <p>Runs after the security checks and around Bean Validation of the body; a resource method
 * bound to it answers a {@link Response}.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class IdempotencyInterceptor {

    static final String KEY = "Idempotency-Key";
    /** Set to {@code true} on every answer that is a replay of an earlier one. */
    static final String REPLAYED = "Idempotency-Replayed";
    static final int MAX_LENGTH = 255;
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private final CurrentVertxRequest current;
    private final IdempotencyKeys keys;
    private final ObjectMapper mapper;
    /** Map keys sorted, so that a body's fingerprint does not depend on the order the client wrote them in. */
    private final ObjectWriter canonical;

    IdempotencyInterceptor(CurrentVertxRequest current, IdempotencyKeys keys, ObjectMapper mapper) {
        this.current = current;
        this.keys = keys;
        this.mapper = mapper;
        this.canonical = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    @AroundInvoke
    Object around(InvocationContext call) throws Exception {
        HttpServerRequest request = current.getCurrent() == null ? null : current.getCurrent().request();
        List<String> given = request == null ? List.of() : request.headers().getAll(KEY);
        if (given.isEmpty()) {
            return call.proceed();
        }
        String key = key(given);
        String scope = scope(request.getHeader(HttpHeaders.AUTHORIZATION));
        String fingerprint = fingerprint(request, call);
        Idempotent binding = call.getMethod().getAnnotation(Idempotent.class);
        boolean secret = binding != null && binding.secret();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                IdempotencyKeys.Answer first = keys.claim(scope, key, fingerprint);
                if (first != null) {
                    return replay(first, fingerprint, request.path());
                }
                Response answer = (Response) call.proceed();
                if (answer.getStatus() >= 300) {
                    throw new NotKept(answer); // as a failure that was thrown: rolled back, nothing kept, a retry runs
                }
                byte[] body = bytes(answer.getEntity());
                keys.complete(scope, key, answer.getStatus(), headers(answer, secret), secret ? null : body);
                return Response.fromResponse(answer).entity(body).build();
            });
        } catch (NotKept e) {
            return e.answer;
        }
    }

    /** An answer that is no success: its transaction is rolled back, and the answer sent as it is. */
    private static final class NotKept extends RuntimeException {
        private final transient Response answer;

        NotKept(Response answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    /**
     * The key: 1 to {@value #MAX_LENGTH} visible ASCII characters. The header is a Structured
     * Field string in the IETF draft ({@code "…"}); its quotes are accepted and are not part of the key.
     */
    private static String key(List<String> given) {
        if (given.size() > 1) {
            throw ProblemException.badRequest("Send one Idempotency-Key header, not " + given.size() + ".");
        }
        String key = given.get(0).trim();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_LENGTH
                    + " visible ASCII characters (no spaces), such as a UUID.");
        }
        return key;
    }

    /** The token's SHA-256, as access_token.token_hash: a key belongs to the token that sent it. */
    private static String scope(String authorization) {
        String token = authorization == null ? "" : authorization.replaceFirst("(?i)^\\s*bearer\\s+", "").trim();
        return Sha256.hex(token);
    }

    /**
     * What makes two requests the same: the method, the path and the body as the service read it
     * (the resource method's parameters, written again as JSON). So bodies that differ only in
     * spacing, in the order of properties or in read-only properties the service ignores are the same.
     */
    private String fingerprint(HttpServerRequest request, InvocationContext call) throws JsonProcessingException {
        List<Object> read = new ArrayList<>();
        Class<?>[] types = call.getMethod().getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getPackageName().startsWith("jakarta.ws.rs")) { // not the request's context (UriInfo, HttpHeaders)
                read.add(call.getParameters()[i]);
            }
        }
        byte[] body = canonical.writeValueAsBytes(read);
        byte[] target = (request.method().name() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[target.length + body.length];
        System.arraycopy(target, 0, all, 0, target.length);
        System.arraycopy(body, 0, all, target.length, body.length);
        return Sha256.hex(all);
    }

    private Response replay(IdempotencyKeys.Answer first, String fingerprint, String path) throws JsonProcessingException {
        if (!first.fingerprint().equals(fingerprint)) {
            throw new ProblemException(422, "urn:ticker:problem:idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for another request (another body or path); use a new key for a new request.", null);
        }
        Map<String, List<String>> headers = mapper.readValue(first.headers(), HEADERS);
        if (first.body() == null) {
            String location = headers.containsKey(HttpHeaders.LOCATION) ? headers.get(HttpHeaders.LOCATION).get(0) : null;
            Response problem = ProblemMapper.respond(new Problem("urn:ticker:problem:idempotency-secret-withheld", "Conflict", 409,
                    "The request with this Idempotency-Key succeeded (" + first.status() + "), but its answer held a secret that is "
                            + "shown only once and was not kept. "
                            + (location != null ? "What it created is at the URL in Location." : "Repeat the operation with a new key."),
                    path, null));
            Response.ResponseBuilder builder = Response.fromResponse(problem).header(REPLAYED, "true");
            if (location != null) {
                builder.location(URI.create(location));
            }
            return builder.build();
        }
        Response.ResponseBuilder builder = Response.status(first.status()).entity(first.body());
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                builder.type(values.get(0));
            } else {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.header(REPLAYED, "true").build();
    }

    /** The headers a replay repeats: all that the resource set (Content-Type, Location, ETag, Cache-Control); only Location for a secret. */
    private String headers(Response answer, boolean secret) throws JsonProcessingException {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        answer.getStringHeaders().forEach((name, values) -> {
            if (!secret || name.equalsIgnoreCase(HttpHeaders.LOCATION)) {
                kept.put(name, List.copyOf(values));
            }
        });
        return mapper.writeValueAsString(kept);
    }

    /** The body as sent: the bytes the resource wrote, or its entity written once with the service's ObjectMapper. */
    private byte[] bytes(Object entity) throws JsonProcessingException {
        if (entity == null) {
            return new byte[0];
        }
        return entity instanceof byte[] bytes ? bytes : mapper.writeValueAsBytes(entity);
    }
}
