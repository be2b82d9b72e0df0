package dev.ticker.list;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The envelope of every list response. */
public record ListEnvelope<T>(List<T> items, PageInfo page) {

    @Schema(name = "PageInfo", description = "Where this page stands in the whole list.")
    public record PageInfo(
            @Schema(description = "The page size asked for (1–100).", examples = "20") int limit,
            @Schema(description = "How many items match the filters in all.", examples = "57") long total,
            @Schema(description = "Cursor of the next page, for the `cursor` parameter; null on the last page.",
                    examples = "WyItcHVibGlzaGVkQXQiLCIyMDI1LTExLTEyVDA4OjAwOjAwWiIsIjBmMmYiXQ", nullable = true) String next,
            @Schema(description = "Only in search results (`q`), when more items match than a search ranks (the newest "
                    + "matches, 200 by default): `total` is then that number and paging ends with them. Narrow the query or "
                    + "add filters to reach the others.", examples = "true")
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean totalCapped) {
    }
}
