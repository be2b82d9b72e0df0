package dev.ticker.search;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SearchHit", description = "One resource a search found.")
public record SearchHit(
        @Schema(description = "The collection it belongs to: `/v1/{type}/{slug}` reads it.") SearchType type,
        @Schema(examples = "0f2f6c52-62a4-4c0e-9a59-07c1b3c4d5e6") UUID id,
        @Schema(examples = "hagen-fuehrt-elektronische-wohnsitzanmeldung-ein") String slug,
        @Schema(description = "Its title (a member's name).", examples = "Hagen führt elektronische Wohnsitzanmeldung ein") String title,
        @Schema(description = "How well it matches: higher is better (PostgreSQL's ts_rank over the weighted text: title, "
                + "then teaser, then body and other text). Hits are ordered by it.", examples = "0.6079271") float rank,
        @Schema(description = "Up to two passages of its text with the matched words in `<mark>…</mark>`: HTML, "
                + "everything else in it escaped, safe to insert into a page as it is. Empty when it has no text.",
                examples = "Die elektronische <mark>Wohnsitzanmeldung</mark> (eWA) gehört zu den 35 priorisierten OZG-Leistungen …")
        String snippet) {
}
