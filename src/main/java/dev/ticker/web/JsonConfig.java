package dev.ticker.web;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.ticker.content.ApiValue;
import dev.ticker.content.Rfc3339;
import dev.ticker.content.Text;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** JSON rules for every request body. */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    /**
     * What a JSON document may hold (docs/limits.md). A request body is at most
     * quarkus.http.limits.max-body-size (1 MB, a 413 before it is read); within it, these make a
     * body that no request of the API needs a 400 before it is bound: the deepest request (an
     * issue's section's news item's image) is 4 levels deep. The same mapper reads stored revision
     * documents, whose bodyHtml may be some times longer than the body a request may send, so
     * lengths and counts leave room for those.
     */
    public static final com.fasterxml.jackson.core.StreamReadConstraints LIMITS = com.fasterxml.jackson.core.StreamReadConstraints
            .builder()
            .maxNestingDepth(32)
            .maxNameLength(1_000)
            .maxNumberLength(100)
            .maxStringLength(1_000_000)
            .maxDocumentLength(16L * 1024 * 1024)
            .maxTokenCount(300_000)
            .build();

    /** Last, so that our deserializers replace those of the modules Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        // emoji and other non-BMP characters as UTF-8 bytes, not as \uD83C\uDF99 escapes
        mapper.getFactory().enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigDefaults()
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(LIMITS);
        SimpleModule strict = new SimpleModule("ticker-strict-input");
        strict.setDeserializers(new SimpleDeserializers() {
            @Override
            @SuppressWarnings({ "unchecked", "rawtypes" })
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config, BeanDescription bean) {
                // every enum of API values (event formats, employment types, …) reads only its documented values
                return ApiValue.class.isAssignableFrom(type) ? new ApiValue.Json(type) : null;
            }
        });
        mapper.registerModule(strict
                .addDeserializer(String.class, new StrictStringDeserializer())
                .addDeserializer(Instant.class, new Rfc3339InstantDeserializer())
                .addDeserializer(LocalDate.class, new DateDeserializer())
                .addDeserializer(LocalTime.class, new TimeDeserializer()));
    }

    /**
     * Text is stored as given, so refuse what PostgreSQL cannot store (NUL), what would be
     * silently mangled (lone surrogates) and invisible control characters (tab, CR, LF are fine).
     */
    static final class StrictStringDeserializer extends StdScalarDeserializer<String> {

        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            String problem = Text.problemOf(value);
            if (problem != null) {
                throw JsonMappingException.from(parser, problem);
            }
            return value;
        }
    }

    /** Timestamps only as RFC 3339 strings in the years 0001-9999, never as numbers. */
    static final class Rfc3339InstantDeserializer extends StdScalarDeserializer<Instant> {

        Rfc3339InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            try {
                return Rfc3339.instant(parser.getText());
            } catch (DateTimeException e) {
                throw context.weirdStringException(parser.getText(), Instant.class, "not an RFC 3339 timestamp");
            }
        }
    }

    /** Calendar dates only as YYYY-MM-DD strings in the years 0001-9999. */
    static final class DateDeserializer extends StdScalarDeserializer<LocalDate> {

        DateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            try {
                return Rfc3339.date(parser.getText());
            } catch (DateTimeException e) {
                throw context.weirdStringException(parser.getText(), LocalDate.class, "not a date");
            }
        }
    }

    /** Wall-clock times only as HH:mm strings. */
    static final class TimeDeserializer extends StdScalarDeserializer<LocalTime> {

        private static final java.util.regex.Pattern HH_MM = java.util.regex.Pattern.compile(Rfc3339.WALL_CLOCK_TIME);

        TimeDeserializer() {
            super(LocalTime.class);
        }

        @Override
        public LocalTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalTime) context.handleUnexpectedToken(LocalTime.class, parser);
            }
            if (!HH_MM.matcher(parser.getText()).matches()) {
                throw context.weirdStringException(parser.getText(), LocalTime.class, "not a time");
            }
            return LocalTime.parse(parser.getText());
        }
    }
}
