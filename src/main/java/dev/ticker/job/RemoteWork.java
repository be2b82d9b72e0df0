package dev.ticker.job;

import dev.ticker.content.ApiValue;

import jakarta.persistence.Converter;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much of the work can be done away from the employer's site. */
@Schema(name = "RemoteWork", type = SchemaType.STRING,
        description = "Remote work: `none` (on site), `hybrid` (partly remote), `full` (fully remote).",
        enumeration = { "none", "hybrid", "full" }, examples = "hybrid")
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
