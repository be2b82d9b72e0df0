package dev.ticker.event;

import jakarta.persistence.Converter;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.ticker.content.ApiValue;

/** How people take part in an event. JSON and the database both use the lowercase value. */
@Schema(name = "EventFormat", type = SchemaType.STRING, description = "How people take part: on site, online, or both.",
        examples = "in_person")
public enum EventFormat implements ApiValue {
    IN_PERSON("in_person"),
    ONLINE("online"),
    HYBRID("hybrid");

    private final String value;

    EventFormat(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** Stores the API value ("in_person"), so the table reads like the API. */
    @Converter
    public static class Column extends ApiValue.Column<EventFormat> {
        public Column() {
            super(EventFormat.class);
        }
    }
}
