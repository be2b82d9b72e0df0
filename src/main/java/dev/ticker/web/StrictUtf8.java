package dev.ticker.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import dev.ticker.problem.ProblemException;
import dev.ticker.problem.ProblemMapper;

/**
 * Request bodies must be well-formed UTF-8 (RFC 8259). Jackson's decoder lets overlong forms
 * through (0xC0 0xAF becomes "/"), which would store something other than what was sent, so
 * the body is checked with the JDK's strict decoder first. Bodies are small (max-body-size).
 */
@Provider
public class StrictUtf8 implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, ProblemMapper.MALFORMED_TYPE, "Malformed request body",
                    "The body is not valid UTF-8.", null);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
