package dev.ticker.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a body over {@code quarkus.http.limits.max-body-size} with a 413 problem document
 * before it is read. (The HTTP layer enforces the same limit, but with an empty 413 body.)
 */
@ApplicationScoped
public class BodyLimit {

    private final long limit;
    private final byte[] problem;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.problem = mapper.writeValueAsBytes(new Problem("about:blank", "Content Too Large", 413,
                "The request body is larger than the limit of " + this.limit + " bytes.", null, null));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    reject(context);
                    return;
                }
            } catch (NumberFormatException e) {
                // a malformed length is the HTTP layer's to refuse
            }
        }
        context.next();
    }

    private void failed(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            reject(context);
        } else {
            context.next();
        }
    }

    private void reject(RoutingContext context) {
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(io.vertx.core.buffer.Buffer.buffer(problem));
    }
}
