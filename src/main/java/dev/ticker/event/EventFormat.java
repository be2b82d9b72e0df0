package dev.ticker.event;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How people take part in an event. JSON and the database both use the lowercase value. */
@Schema(name = "EventFormat", description = "How people take part: on site, online, or both.",
        enumeration = { "in_person", "online", "hybrid" }, examples = "in_person")
public enum EventFormat {
    @JsonProperty("in_person")
    IN_PERSON("in_person"),
    @JsonProperty("online")
    ONLINE("online"),
    @JsonProperty("hybrid")
    HYBRID("hybrid");

    private final String value;

    EventFormat(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The format of a filter value, or null when there is none such. */
    static EventFormat of(String value) {
        return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst().orElse(null);
    }

    /** Stores the API value ("in_person"), so the table reads like the API. */
    @Converter
    static class Column implements AttributeConverter<EventFormat, String> {

        @Override
        public String convertToDatabaseColumn(EventFormat format) {
            return format == null ? null : format.value;
        }

        @Override
        public EventFormat convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
