package dev.ticker.member;

import java.net.URI;
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

@Path("/v1/members")
@Tag(name = "members", description = "Member organisations of the association.")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {


    private final MemberService members;
    private final JsonResponses responses;
    private final SecurityIdentity caller;
    private final Revisions revisions;

    MemberResource(MemberService members, JsonResponses responses, SecurityIdentity caller, Revisions revisions) {
        this.members = members;
        this.revisions = revisions;
        this.responses = responses;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listMembers", summary = "List members",
            description = "Members in pages of `limit`, sorted by `name` unless `sort` says otherwise. Filters combine with AND.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.member.MemberService"))
    @APIResponse(responseCode = "200", description = "A page of members.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberList.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = MemberService.LIST.parse(uri.getQueryParameters(), caller);
        return responses.list(members.list(request), request.fields(), uri, headers);
    }

    @GET
    @PermitAll
    @Path("{idOrSlug}")
    @Operation(operationId = "getMember", summary = "Get a member", description = "One member, by id or slug.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.member.MemberService"))
    @APIResponse(responseCode = "200", description = "The member.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberResponse.class)))
    public Response get(@Parameter(description = "The member's id or slug.", example = "regio-it") @PathParam("idOrSlug") String idOrSlug,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        var item = MemberService.LIST.item().parse(uri.getQueryParameters());
        return responses.item(members.get(idOrSlug), item.fields(), headers);
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createMember", summary = "Create a member",
            description = "Creates a member. Without `slug`, one is made from `shortName` (or `name`).")
    @APIResponse(responseCode = "201", description = "The member was created; `Location` says where.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberResponse.class)))
    public Response create(@RequestBody(required = true) @Valid @NotNull MemberRequest request, @Context UriInfo uri) {
        MemberResponse created = members.create(request);
        return responses.created(location(uri, created), created);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceMember", summary = "Replace a member",
            description = "Replaces every field of the member; fields left out become empty. A missing `slug` keeps the current one.")
    @APIResponse(responseCode = "200", description = "The member as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberResponse.class)))
    public Response replace(@Parameter(description = "The member's id or slug.", example = "regio-it") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only replace if the member still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true) @Valid @NotNull MemberRequest request) {
        return responses.updated(members.replace(idOrSlug, request, responses.ifMatch(ifMatch)));
    }

    @PATCH
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "patchMember", summary = "Change some fields of a member",
            description = "Applies a JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` "
                    + "(or `application/json`, for clients that cannot send that type): fields given are set, fields set to null are cleared.")
    @APIResponse(responseCode = "200", description = "The member as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberResponse.class)))
    public Response patch(@Parameter(description = "The member's id or slug.", example = "regio-it") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only change if the member still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = MemberRequest.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberRequest.class)) })
            JsonNode patch) {
        return responses.updated(members.patch(idOrSlug, patch, responses.ifMatch(ifMatch)));
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Operation(operationId = "deleteMember", summary = "Delete a member",
            description = "Deletes a member that no news item, event or job posting refers to (409 otherwise).")
    @APIResponse(responseCode = "204", description = "The member was deleted.")
    public Response delete(@Parameter(description = "The member's id or slug.", example = "regio-it") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only delete if the member still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        members.delete(idOrSlug, responses.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    private static URI location(UriInfo uri, MemberResponse member) {
        return uri.getBaseUriBuilder().path("v1/members").path(member.id().toString()).build();
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Revisions per page, 1 to 100 (default 20).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Where the page starts: the `next` of the page before.",
            schema = @Schema(type = SchemaType.STRING))
    @Operation(operationId = "listMemberRevisions", summary = "List the revisions of a member",
            description = "Every change of the member, newest first: who made it, when, what it was and the whole document after it. "
                    + "The revisions of a deleted member stay readable for admins, by id. Restore one with a PUT of its `document`.")
    @APIResponse(responseCode = "200", description = "A page of revisions, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionList.class)))
    public Response revisions(@Parameter(description = "The member's id or slug.", example = "regio-it") @PathParam("idOrSlug") String idOrSlug,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.list(revisions.page(members.revisable(idOrSlug), uri.getQueryParameters()), null, uri, headers);
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions/{number}")
    @Operation(operationId = "getMemberRevision", summary = "Get one revision of a member",
            description = "One revision, with the whole document as it was after the change.")
    @APIResponse(responseCode = "200", description = "The revision.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Revision.class)))
    public Response revision(@Parameter(description = "The member's id or slug.", example = "regio-it") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "The revision's number, from 1.", example = "1") @PathParam("number") String number,
            @Context HttpHeaders headers) {
        return responses.item(revisions.get(members.revisable(idOrSlug), number), null, headers);
    }

    /** The list envelope, for the API description. */
    @Schema(name = "MemberList", description = "A page of members.")
    record MemberList(List<MemberResponse> items, ListEnvelope.PageInfo page) {
    }

    /** The list envelope of revisions, for the API description. */
    @Schema(name = "MemberRevisionList", description = "A page of revisions, newest first.")
    record RevisionList(List<Revision> items, ListEnvelope.PageInfo page) {
    }
}
