package dev.ticker.job;

import jakarta.persistence.Converter;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.ticker.content.ApiValue;

/** How much of the work can be done away from the employer's site. */
@Schema(name = "RemoteWork", type = SchemaType.STRING,
        description = "Remote work: `none` (on site), `hybrid` (partly remote), `full` (fully remote).", examples = "hybrid")
public enum RemoteWork implements ApiValue {
    NONE("none"),
    HYBRID("hybrid"),
    FULL("full");

    private final String value;

    RemoteWork(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Converter
    public static class Column extends ApiValue.Column<RemoteWork> {
        public Column() {
            super(RemoteWork.class);
        }
    }
}
