package dev.ticker.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers with a 400 problem document the requests that the router refuses before any route
 * runs: an HTTP/1.x request without a usable {@code Host} (none, or one that is not a host and
 * port, such as {@code a b} or {@code localhost@evil.example}), and a request target that is not a
 * path ({@code GET v1/news}). The router fails those before routing, and Quarkus's last-resort
 * error handler would answer with its own JSON, naming the exception's class (and, outside
 * production, its stack), or with an empty 404. Other failures go on to the handlers that own them
 * (the REST layer's exception mappers, {@link BodyLimit}).
 */
@ApplicationScoped
public class MalformedRequests {

    private final byte[] noHost;
    private final byte[] notAPath;

    MalformedRequests(ObjectMapper mapper) throws JsonProcessingException {
        this.noHost = mapper.writeValueAsBytes(new Problem(ProblemMapper.MALFORMED_TYPE, "Bad Request", 400,
                "The request needs a Host header with a host name and an optional port.", null, null));
        this.notAPath = mapper.writeValueAsBytes(new Problem(ProblemMapper.MALFORMED_TYPE, "Bad Request", 400,
                "The request target must be a path that starts with '/'.", null, null));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(this::failed);
    }

    private void failed(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (context.response().headWritten()) {
            context.next();
        } else if (request.version() != HttpVersion.HTTP_2 && request.authority() == null) {
            reject(context, noHost);
        } else if (request.path() == null || !request.path().startsWith("/")) {
            reject(context, notAPath);
        } else {
            context.next();
        }
    }

    private static void reject(RoutingContext context, byte[] problem) {
        context.response().setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(io.vertx.core.buffer.Buffer.buffer(problem));
    }
}
