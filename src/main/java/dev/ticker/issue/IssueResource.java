package dev.ticker.issue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

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

@Path("/v1/issues")
@Tag(name = "issues", description = "Numbered editions of the newsletter.")
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {


    private final IssueService issues;
    private final JsonResponses responses;
    private final SecurityIdentity caller;
    private final Revisions revisions;
    private final IssueEmail email;

    IssueResource(IssueService issues, JsonResponses responses, SecurityIdentity caller, Revisions revisions, IssueEmail email) {
        this.issues = issues;
        this.revisions = revisions;
        this.email = email;
        this.responses = responses;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listIssues", summary = "List issues",
            description = "Issues in pages of `limit`, highest number first unless `sort` says otherwise.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.issue.IssueService"))
    @APIResponse(responseCode = "200", description = "A page of issues.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueList.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = IssueService.LIST.parse(uri.getQueryParameters(), caller);
        return responses.list(issues.list(request), request.fields(), uri, headers);
    }

    @GET
    @PermitAll
    @Path("{number}")
    @Operation(operationId = "getIssue", summary = "Get an issue",
            description = "One issue with its editorial and its sections, each with its news items in order. "
                    + "Addressed by number; id and slug work too.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.issue.IssueService"))
    @APIResponse(responseCode = "200", description = "The issue.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueResponse.class)))
    public Response get(@Parameter(description = "The issue number (or its id or slug).", example = "20") @PathParam("number") String number,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        var item = IssueService.LIST.item().parse(uri.getQueryParameters());
        return responses.item(issues.get(number), item.fields(), headers);
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createIssue", summary = "Create an issue",
            description = "Creates an issue. Its number must be unique (409 otherwise); every news item it names must exist (422).")
    @APIResponse(responseCode = "201", description = "The issue was created; `Location` says where.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueResponse.class)))
    public Response create(@RequestBody(required = true) @Valid @NotNull IssueRequest request, @Context UriInfo uri) {
        IssueResponse created = issues.create(request);
        return responses.created(uri.getBaseUriBuilder().path("v1/issues").path(String.valueOf(created.number())).build(), created);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceIssue", summary = "Replace an issue",
            description = "Replaces every field of the issue, its sections included. A missing `slug` keeps the current one.")
    @APIResponse(responseCode = "200", description = "The issue as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueResponse.class)))
    public Response replace(@Parameter(description = "The issue number (or its id or slug).", example = "20") @PathParam("number") String number,
            @Parameter(description = "Only replace if the issue still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true) @Valid @NotNull IssueRequest request) {
        return responses.updated(issues.replace(number, request, responses.ifMatch(ifMatch)));
    }

    @PATCH
    @RolesAllowed(Roles.EDITOR)
    @Path("{number}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "patchIssue", summary = "Change some fields of an issue",
            description = "Applies a JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` "
                    + "(or `application/json`, for clients that cannot send that type). Arrays (`sections`) are replaced whole, as RFC 7396 says.")
    @APIResponse(responseCode = "200", description = "The issue as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueResponse.class)))
    public Response patch(@Parameter(description = "The issue number (or its id or slug).", example = "20") @PathParam("number") String number,
            @Parameter(description = "Only change if the issue still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = IssueRequest.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueRequest.class)) })
            JsonNode patch) {
        return responses.updated(issues.patch(number, patch, responses.ifMatch(ifMatch)));
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("{number}")
    @Operation(operationId = "deleteIssue", summary = "Delete an issue",
            description = "Deletes an issue and its sections; the news items stay.")
    @APIResponse(responseCode = "204", description = "The issue was deleted.")
    public Response delete(@Parameter(description = "The issue number (or its id or slug).", example = "20") @PathParam("number") String number,
            @Parameter(description = "Only delete if the issue still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        issues.delete(number, responses.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    static final String HTML = "text/html;charset=utf-8";
    static final String TEXT = "text/plain;charset=utf-8";
    private static final String UNSUBSCRIBE = "A mailing tool's merge tag (such as `*|UNSUB|*` or `{{ UnsubscribeURL }}`) or an "
            + "http(s) or mailto address for the footer's unsubscribe link, put there verbatim; without it, the configured "
            + "address (ticker.email.unsubscribe-url).";

    @GET
    @PermitAll
    @Path("{number}/email.html")
    @Produces(HTML)
    @Operation(operationId = "getIssueEmailHtml", summary = "The issue as an HTML e-mail",
            description = "A complete HTML e-mail of the issue for mailing tools: table layout, inline CSS, at most 600 px wide, "
                    + "a hidden preheader (the editorial's first sentence), the editorial, the sections with their news items, "
                    + "the IT calendar, the job market and a footer with the unsubscribe link. Under 102 KB. Without a token only "
                    + "published content. See docs/outputs.md.")
    @Parameter(name = "unsubscribe", in = ParameterIn.QUERY, description = UNSUBSCRIBE, example = "*|UNSUB|*",
            schema = @Schema(type = SchemaType.STRING, maxLength = 500))
    @APIResponse(responseCode = "200", description = "The e-mail (HTML).",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response emailHtml(@Parameter(description = "The issue number (or its id or slug).", example = "20") @PathParam("number") String number,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        String unsubscribe = ListSpec.only(uri.getQueryParameters(), Set.of("unsubscribe")).get("unsubscribe");
        return responses.representation(email.html(number, unsubscribe).getBytes(StandardCharsets.UTF_8),
                MediaType.valueOf(HTML), headers);
    }

    @GET
    @PermitAll
    @Path("{number}/email.txt")
    @Produces(TEXT)
    @Operation(operationId = "getIssueEmailText", summary = "The issue as a plain-text e-mail",
            description = "The plain-text alternative of the HTML e-mail: the same content in the same order, wrapped at 72 "
                    + "columns, links in angle brackets. Without a token only published content.")
    @Parameter(name = "unsubscribe", in = ParameterIn.QUERY, description = UNSUBSCRIBE, example = "{{ UnsubscribeURL }}",
            schema = @Schema(type = SchemaType.STRING, maxLength = 500))
    @APIResponse(responseCode = "200", description = "The e-mail (plain text).",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    public Response emailText(@Parameter(description = "The issue number (or its id or slug).", example = "20") @PathParam("number") String number,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        String unsubscribe = ListSpec.only(uri.getQueryParameters(), Set.of("unsubscribe")).get("unsubscribe");
        return responses.representation(email.text(number, unsubscribe).getBytes(StandardCharsets.UTF_8),
                MediaType.valueOf(TEXT), headers);
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Revisions per page, 1 to 100 (default 20).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Where the page starts: the `next` of the page before.",
            schema = @Schema(type = SchemaType.STRING))
    @Operation(operationId = "listIssueRevisions", summary = "List the revisions of a issue",
            description = "Every change of the issue, newest first: who made it, when, what it was and the whole document after it. "
                    + "The revisions of a deleted issue stay readable for admins, by id. Restore one with a PUT of its `document`.")
    @APIResponse(responseCode = "200", description = "A page of revisions, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionList.class)))
    public Response revisions(@Parameter(description = "The issue's number, id or slug.", example = "20") @PathParam("idOrSlug") String idOrSlug,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.list(revisions.page(issues.revisable(idOrSlug), uri.getQueryParameters()), null, uri, headers);
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions/{number}")
    @Operation(operationId = "getIssueRevision", summary = "Get one revision of a issue",
            description = "One revision, with the whole document as it was after the change.")
    @APIResponse(responseCode = "200", description = "The revision.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Revision.class)))
    public Response revision(@Parameter(description = "The issue's number, id or slug.", example = "20") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "The revision's number, from 1.", example = "1") @PathParam("number") String number,
            @Context HttpHeaders headers) {
        return responses.item(revisions.get(issues.revisable(idOrSlug), number), null, headers);
    }

    /** The list envelope, for the API description. */
    @Schema(name = "IssueList", description = "A page of issues.")
    record IssueList(List<IssueResponse> items, ListEnvelope.PageInfo page) {
    }

    /** The list envelope of revisions, for the API description. */
    @Schema(name = "IssueRevisionList", description = "A page of revisions, newest first.")
    record RevisionList(List<Revision> items, ListEnvelope.PageInfo page) {
    }
}
