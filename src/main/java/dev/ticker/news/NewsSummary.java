package dev.ticker.news;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Image;
import dev.ticker.content.Reference;

/** A news item where another resource embeds it. On writes {@code id} is read, or {@code slug} where no id is given (see {@link dev.ticker.content.Reference}). */
@Schema(name = "NewsRef", description = "A news item embedded in another resource. Writes read `id`, or `slug` where no id is given; responses carry the summary.")
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewsSummary(
        @Schema(description = "The item's id; on writes, `slug` may name it instead.", examples = "5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35") UUID id,
        @Schema(description = "URL-friendly unique name; on writes, it names the resource where no `id` is given.", examples = "kisa-verantwortlich-fuer-digitale-schulausstattung") String slug,
        @Schema(description = "Headline.", readOnly = true, examples = "KISA verantwortlich für digitale Schulausstattung") String title,
        @Schema(description = "Short lead text.", readOnly = true, examples = "KISA ist nun „neuer digitaler Hausmeister“ an Schulen im sächsischen Markkleeberg.", nullable = true) String teaser,
        @Schema(description = "The picture, with its credit line.", readOnly = true, nullable = true) Image image) implements Reference {

    public static NewsSummary of(NewsItem n) {
        return new NewsSummary(n.id, n.slug, n.title, n.teaser, n.image);
    }
}
