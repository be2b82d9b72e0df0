package dev.ticker.search;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.ticker.content.ApiValue;

/** What a search may find: the resource types, by the names of their collections. */
@Schema(name = "SearchType", type = SchemaType.STRING, enumeration = { "news", "issues", "events", "jobs", "members" },
        description = "A type of content, by its collection: `/v1/{type}`.", examples = "news")
public enum SearchType implements ApiValue {
    NEWS("news", "news"),
    ISSUES("issues", "issue"),
    EVENTS("events", "event"),
    JOBS("jobs", "job"),
    MEMBERS("members", "member");

    private final String value;
    private final String table;

    SearchType(String value, String table) {
        this.value = value;
        this.table = table;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The type as search documents name it: the resource's table. */
    String table() {
        return table;
    }

    static SearchType ofTable(String table) {
        for (SearchType type : values()) {
            if (type.table.equals(table)) {
                return type;
            }
        }
        throw new IllegalArgumentException(table);
    }
}
