package dev.ticker.search;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ticker.list.ListEnvelope;
import dev.ticker.list.ListSpec;
import dev.ticker.list.TextQuery;
import dev.ticker.web.JsonResponses;

@Path("/v1/search")
@Tag(name = "search", description = "German full-text search across all content.")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    static final String Q = "What to look for, as in a web search box: words (all must occur, in any German inflection: "
            + "`Kommune` finds `Kommunen`), `\"a phrase\"`, `-word` to exclude, `or` between two words to accept either, "
            + "`word*` for every word starting so. The last word also finds longer words unless the query ends with a space "
            + "(type-ahead). Umlauts and their transliterations find each other, `Bürger` finds `Bürgerinnen` and "
            + "`Bürger:innen`. At most " + TextQuery.MAX_LENGTH + " characters; see docs/search.md.";

    private final SearchService search;
    private final JsonResponses responses;

    SearchResource(SearchService search, JsonResponses responses) {
        this.search = search;
        this.responses = responses;
    }

    @GET
    @PermitAll
    @Operation(operationId = "search", summary = "Search all content",
            description = "One list of news items, issues, events, job postings and members that match `q`, best first "
                    + "(`rank`), each with a `snippet` of its text with the matches marked. Without a token only published "
                    + "content is found; expired job postings are not found. The newest " + TextQuery.WINDOW + " matches are "
                    + "ranked: when more match, `page.totalCapped` says so.")
    @Parameter(name = "q", in = ParameterIn.QUERY, required = true, description = Q, example = "Wohnsitzanmeldung",
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = TextQuery.MAX_LENGTH))
    @Parameter(name = "types", in = ParameterIn.QUERY, description = "Only these types, comma-separated; all when absent.",
            explode = Explode.FALSE,
            style = ParameterStyle.FORM,
            schema = @Schema(type = SchemaType.ARRAY, uniqueItems = true, implementation = SearchType.class))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1 to " + ListSpec.MAX_LIMIT + ".",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + ListSpec.MAX_LIMIT,
                    defaultValue = "" + ListSpec.DEFAULT_LIMIT))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Opaque cursor from `page.next` of the previous page.",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "A page of hits, best first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchHitList.class)))
    public Response search(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = SearchService.Request.parse(uri.getQueryParameters());
        return responses.list(search.search(request), null, uri, headers);
    }

    @Schema(name = "SearchHitList", description = "A page of search hits.")
    record SearchHitList(List<SearchHit> items, ListEnvelope.PageInfo page) {
    }
}
