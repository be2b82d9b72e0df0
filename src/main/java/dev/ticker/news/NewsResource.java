package dev.ticker.news;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ticker.web.JsonResponses;
import dev.ticker.list.ListEnvelope;
import dev.ticker.list.ListSpec;
import dev.ticker.content.MergePatch;

@Path("/v1/news")
@Tag(name = "news", description = "News items of the newsletter.")
@Produces(MediaType.APPLICATION_JSON)
public class NewsResource {

    private static final Set<String> FIELDS = ListSpec.fieldsOf(NewsResponse.class);
    private static final Set<String> RELATIONS = Set.of(NewsService.MEMBERS);

    private final NewsService news;
    private final JsonResponses responses;

    NewsResource(NewsService news, JsonResponses responses) {
        this.news = news;
        this.responses = responses;
    }

    @GET
    @Operation(operationId = "listNews", summary = "List news items",
            description = "News items in pages of `limit`, newest `publishedAt` first unless `sort` says otherwise "
                    + "(sortable: publishedAt, title, createdAt, updatedAt). Filters combine with AND.")
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = "Only items with this tag (exact match).", example = "Open Source")
    @Parameter(name = "state", in = ParameterIn.QUERY, description = "Only items whose region is in this federal state (ISO 3166-2).", example = "DE-SN")
    @Parameter(name = "member", in = ParameterIn.QUERY, description = "Only items related to this member (id or slug).", example = "lecos")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "Only items published on or after this day (Europe/Berlin).",
            example = "2025-11-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Only items published on or before this day (Europe/Berlin).",
            example = "2025-11-30", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "issue", in = ParameterIn.QUERY, description = "Only items in this issue (its number).", example = "20")
    @Parameter(name = "include", in = ParameterIn.QUERY, description = "`members` embeds the whole member summaries.",
            example = "members")
    @APIResponse(responseCode = "200", description = "A page of news items.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsList.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = NewsService.LIST.parse(uri);
        return responses.list(news.list(request), request.fields(), uri, headers);
    }

    @GET
    @Path("{idOrSlug}")
    @Operation(operationId = "getNews", summary = "Get a news item", description = "One news item, by id or slug.")
    @Parameter(name = "fields", in = ParameterIn.QUERY, description = "Comma-separated properties to return; `id` is always included.")
    @Parameter(name = "include", in = ParameterIn.QUERY, description = "`members` embeds the whole member summaries.",
            example = "members")
    @APIResponse(responseCode = "200", description = "The news item.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsResponse.class)))
    public Response get(@Parameter(description = "The item's id or slug.", example = "lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung")
            @PathParam("idOrSlug") String idOrSlug, @Context UriInfo uri, @Context HttpHeaders headers) {
        var item = ListSpec.parseItem(uri, FIELDS, RELATIONS);
        return responses.item(news.get(idOrSlug, item.includes(NewsService.MEMBERS)), item.fields(), headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createNews", summary = "Create a news item",
            description = "Creates a news item. Without `slug`, one is made from the title; without `publishedAt`, it is now.")
    @APIResponse(responseCode = "201", description = "The news item was created; `Location` says where.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsResponse.class)))
    public Response create(@RequestBody(required = true) @Valid @NotNull NewsRequest request, @Context UriInfo uri) {
        NewsResponse created = news.create(request);
        return responses.created(uri.getBaseUriBuilder().path("v1/news").path(created.id().toString()).build(), created);
    }

    @PUT
    @Path("{idOrSlug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceNews", summary = "Replace a news item",
            description = "Replaces every field of the item; fields left out become empty. A missing `slug` keeps the current one, "
                    + "a missing `publishedAt` the current time of publication.")
    @APIResponse(responseCode = "200", description = "The news item as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsResponse.class)))
    public Response replace(@Parameter(description = "The item's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only replace if the item still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true) @Valid @NotNull NewsRequest request) {
        return responses.updated(news.replace(idOrSlug, request, ifMatch));
    }

    @PATCH
    @Path("{idOrSlug}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchNews", summary = "Change some fields of a news item",
            description = "Applies a JSON Merge Patch (RFC 7396): fields given are set, fields set to null are cleared.")
    @APIResponse(responseCode = "200", description = "The news item as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsResponse.class)))
    public Response patch(@Parameter(description = "The item's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only change if the item still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                    schema = @Schema(implementation = NewsRequest.class))) JsonNode patch) {
        return responses.updated(news.patch(idOrSlug, patch, ifMatch));
    }

    @DELETE
    @Path("{idOrSlug}")
    @Operation(operationId = "deleteNews", summary = "Delete a news item",
            description = "Deletes a news item; one that an issue contains is a 409 naming the issue.")
    @APIResponse(responseCode = "204", description = "The news item was deleted.")
    public Response delete(@Parameter(description = "The item's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only delete if the item still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        news.delete(idOrSlug, ifMatch);
        return Response.noContent().build();
    }

    /** The list envelope, for the API description. */
    @Schema(name = "NewsList", description = "A page of news items.")
    record NewsList(List<NewsResponse> items, ListEnvelope.PageInfo page) {
    }
}
