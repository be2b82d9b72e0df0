package dev.ticker.content;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * An enum that the API writes, and the database stores, as a lowercase value such as
 * {@code full_time}, so the columns read like the API and a Java rename never changes either.
 */
public interface ApiValue {

    /** The value in JSON and in the database column. */
    String value();

    /** The enum constant with this value, or null. */
    static <E extends Enum<E> & ApiValue> E of(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value)) {
                return constant;
            }
        }
        return null;
    }

    /** "full_time, part_time, …" for messages. */
    static <E extends Enum<E> & ApiValue> String list(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ApiValue::value).collect(Collectors.joining(", "));
    }

    /** Stores the value, not the constant's name. */
    abstract class Column<E extends Enum<E> & ApiValue> implements AttributeConverter<E, String> {

        private final Class<E> type;

        protected Column(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E attribute) {
            return attribute == null ? null : attribute.value();
        }

        @Override
        public E convertToEntityAttribute(String value) {
            if (value == null) {
                return null;
            }
            E constant = of(type, value);
            if (constant == null) {
                throw new IllegalStateException("Unknown " + type.getSimpleName() + " in the database: " + value);
            }
            return constant;
        }
    }

    /**
     * Reads only the documented strings, for every ApiValue enum (registered by the JSON
     * configuration). Jackson's own enum reader would also take an ordinal ({@code 0}), and its
     * error names no allowed value; this one answers a 400 that lists them.
     */
    final class Json<E extends Enum<E> & ApiValue> extends StdScalarDeserializer<E> {

        private final Class<E> type;

        public Json(Class<E> type) {
            super(type);
            this.type = type;
        }

        @Override
        public E deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw JsonMappingException.from(parser, "must be one of " + list(type));
            }
            E constant = of(type, parser.getText());
            if (constant == null) {
                throw JsonMappingException.from(parser, "must be one of " + list(type));
            }
            return constant;
        }
    }
}
