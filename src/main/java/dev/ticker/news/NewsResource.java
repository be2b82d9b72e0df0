package dev.ticker.news;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ticker.content.MergePatch;
import dev.ticker.idempotency.Idempotent;
import dev.ticker.list.ListEnvelope;
import dev.ticker.list.ListSpec;
import dev.ticker.revision.Revision;
import dev.ticker.revision.Revisions;
import dev.ticker.token.Roles;
import dev.ticker.web.JsonResponses;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/v1/news")
@Tag(name = "news", description = "News items of the newsletter.")
@Produces(MediaType.APPLICATION_JSON)
public class NewsResource {

    // the feeds' filters are the news list's; their parameters are documented here, as the list's are not all taken
    private static final String FEEDS = " Only published items, also for a caller with a token: a feed is a subscription. "
            + "The newest `ticker.feed.size` items (20 by default), newest `publishedAt` first; "
            + "`tag`, `member` and `state` filter as on the news list, and combine with AND.";
    private static final String TAG = "Only items with this tag (exact match).";
    private static final String MEMBER = "Only items related to this member (id or slug).";
    private static final String STATE = "Only items whose region is in this federal state (ISO 3166-2).";

    private final NewsService news;
    private final JsonResponses responses;
    private final SecurityIdentity caller;
    private final Revisions revisions;
    private final NewsFeeds feeds;

    NewsResource(NewsService news, JsonResponses responses, SecurityIdentity caller, Revisions revisions, NewsFeeds feeds) {
        this.news = news;
        this.revisions = revisions;
        this.responses = responses;
        this.caller = caller;
        this.feeds = feeds;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listNews", summary = "List news items",
            description = "News items in pages of `limit`, newest `publishedAt` first unless `sort` says otherwise. Filters combine with AND.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.news.NewsService"))
    @APIResponse(responseCode = "200", description = "A page of news items.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsList.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = NewsService.LIST.parse(uri.getQueryParameters(), caller);
        return responses.list(news.page(request), request.fields(), uri, headers);
    }

    @GET
    @PermitAll
    @Path("feed.atom")
    @Produces(NewsFeeds.ATOM)
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = TAG, example = "Open Source")
    @Parameter(name = "member", in = ParameterIn.QUERY, description = MEMBER, example = "lecos")
    @Parameter(name = "state", in = ParameterIn.QUERY, description = STATE, example = "DE-SN")
    @Operation(operationId = "getNewsFeedAtom", summary = "The news as an Atom feed",
            description = "The newest news items as an Atom 1.0 feed (RFC 4287) for feed readers and mailing tools: "
                    + "summary (the teaser), content (the body as HTML), categories (the tags), authors (the related members)." + FEEDS)
    @APIResponse(responseCode = "200", description = "The Atom feed, UTF-8.",
            content = @Content(mediaType = NewsFeeds.ATOM, schema = @Schema(type = SchemaType.STRING, description = "An Atom 1.0 feed document.")))
    public Response atom(@Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.representation(feeds.atom(feedRequest(uri)), utf8(NewsFeeds.ATOM), headers);
    }

    @GET
    @PermitAll
    @Path("feed.json")
    @Produces(NewsFeeds.JSON_FEED)
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = TAG, example = "Open Source")
    @Parameter(name = "member", in = ParameterIn.QUERY, description = MEMBER, example = "lecos")
    @Parameter(name = "state", in = ParameterIn.QUERY, description = STATE, example = "DE-SN")
    @Operation(operationId = "getNewsFeedJson", summary = "The news as a JSON Feed",
            description = "The newest news items as a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)." + FEEDS)
    @APIResponse(responseCode = "200", description = "The JSON Feed, UTF-8.",
            content = @Content(mediaType = NewsFeeds.JSON_FEED, schema = @Schema(implementation = NewsFeeds.JsonFeed.class)))
    public Response jsonFeed(@Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.representation(feeds.json(feedRequest(uri)), utf8(NewsFeeds.JSON_FEED), headers);
    }

    @GET
    @PermitAll
    @Path("{idOrSlug}")
    @Operation(operationId = "getNews", summary = "Get a news item", description = "One news item, by id or slug.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.news.NewsService"))
    @APIResponse(responseCode = "200", description = "The news item.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsResponse.class)))
    public Response get(@Parameter(description = "The item's id or slug.", example = "lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung")
            @PathParam("idOrSlug") String idOrSlug, @Context UriInfo uri, @Context HttpHeaders headers) {
        var item = NewsService.LIST.item().parse(uri.getQueryParameters());
        return responses.item(news.get(idOrSlug, item.includes(NewsService.MEMBERS)), item.fields(), headers);
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.EDITOR)
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
    @RolesAllowed(Roles.EDITOR)
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
        return responses.updated(news.replace(idOrSlug, request, responses.ifMatch(ifMatch)));
    }

    @PATCH
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "patchNews", summary = "Change some fields of a news item",
            description = "Applies a JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` "
                    + "(or `application/json`, for clients that cannot send that type): fields given are set, fields set to null are cleared.")
    @APIResponse(responseCode = "200", description = "The news item as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsResponse.class)))
    public Response patch(@Parameter(description = "The item's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only change if the item still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = NewsRequest.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsRequest.class)) })
            JsonNode patch) {
        return responses.updated(news.patch(idOrSlug, patch, responses.ifMatch(ifMatch)));
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Operation(operationId = "deleteNews", summary = "Delete a news item",
            description = "Deletes a news item; one that an issue contains is a 409 naming the issue.")
    @APIResponse(responseCode = "204", description = "The news item was deleted.")
    public Response delete(@Parameter(description = "The item's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only delete if the item still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        news.delete(idOrSlug, responses.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Revisions per page, 1 to 100 (default 20).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Where the page starts: the `next` of the page before.",
            schema = @Schema(type = SchemaType.STRING))
    @Operation(operationId = "listNewsRevisions", summary = "List the revisions of a news item",
            description = "Every change of the news item, newest first: who made it, when, what it was and the whole document after it. "
                    + "The revisions of a deleted news item stay readable for admins, by id. Restore one with a PUT of its `document`.")
    @APIResponse(responseCode = "200", description = "A page of revisions, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionList.class)))
    public Response revisions(@Parameter(description = "The item's id or slug.", example = "lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung") @PathParam("idOrSlug") String idOrSlug,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.list(revisions.page(news.revisable(idOrSlug), uri.getQueryParameters()), null, uri, headers);
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions/{number}")
    @Operation(operationId = "getNewsRevision", summary = "Get one revision of a news item",
            description = "One revision, with the whole document as it was after the change.")
    @APIResponse(responseCode = "200", description = "The revision.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Revision.class)))
    public Response revision(@Parameter(description = "The item's id or slug.", example = "lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "The revision's number, from 1.", example = "1") @PathParam("number") String number,
            @Context HttpHeaders headers) {
        return responses.item(revisions.get(news.revisable(idOrSlug), number), null, headers);
    }

    private static NewsFeeds.Request feedRequest(UriInfo uri) {
        return new NewsFeeds.Request(uri.getQueryParameters(), uri.getBaseUri(), uri.getRequestUri());
    }

    private static MediaType utf8(String type) {
        return MediaType.valueOf(type).withCharset("utf-8");
    }

    /** The list envelope, for the API description. */
    @Schema(name = "NewsList", description = "A page of news items.")
    record NewsList(List<NewsResponse> items, ListEnvelope.PageInfo page) {
    }

    /** The list envelope of revisions, for the API description. */
    @Schema(name = "NewsRevisionList", description = "A page of revisions, newest first.")
    record RevisionList(List<Revision> items, ListEnvelope.PageInfo page) {
    }
}
