package dev.ticker.content;

import jakarta.persistence.Converter;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a news item, issue, event or job posting stands in the editorial workflow. Only
 * {@link #PUBLISHED} content is visible without a token. The transitions are in {@link Workflow}.
 */
@Schema(name = "Status", type = SchemaType.STRING, description = "Where the item stands in the editorial workflow: "
        + "`draft` (the default for new items), `scheduled` (published by the service at `publishAt`), `published` "
        + "(visible to everyone) or `archived` (withdrawn). Only published content is visible without a token. "
        + "Transitions: draft → scheduled or published; scheduled → draft, published or scheduled again (a new "
        + "`publishAt`); published → draft or archived; archived → draft or published. Any other change is a 422 "
        + "naming both statuses. Publishing an issue publishes the draft and scheduled items it contains. "
        + "See docs/workflow.md.",
        examples = "published")
public enum Status implements ApiValue {
    DRAFT("draft"),
    SCHEDULED("scheduled"),
    PUBLISHED("published"),
    ARCHIVED("archived");

    private final String value;

    Status(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** Stores the API value ("published"), so the table reads like the API. */
    @Converter
    public static class Column extends ApiValue.Column<Status> {
        public Column() {
            super(Status.class);
        }
    }
}
