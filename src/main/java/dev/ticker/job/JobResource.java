package dev.ticker.job;

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
import dev.ticker.problem.ProblemException;
import dev.ticker.problem.ProblemMapper;
import dev.ticker.revision.Revision;
import dev.ticker.revision.Revisions;
import dev.ticker.token.Roles;
import dev.ticker.web.JsonLd;
import dev.ticker.web.JsonResponses;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/v1/jobs")
@Tag(name = "jobs", description = "Job postings of the job market.")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {



    private final JobService jobs;
    private final JobOutputService outputs;
    private final JsonResponses responses;
    private final SecurityIdentity caller;
    private final Revisions revisions;

    JobResource(JobService jobs, JobOutputService outputs, JsonResponses responses, SecurityIdentity caller, Revisions revisions) {
        this.jobs = jobs;
        this.outputs = outputs;
        this.revisions = revisions;
        this.responses = responses;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listJobs", summary = "List job postings",
            description = "Job postings in pages of `limit`, newest first (`-createdAt`) unless `sort` says otherwise. "
                    + "Expired postings (`validThrough` before today, Europe/Berlin) are left out unless a token holder "
                    + "asks for `includeExpired=true`. Filters combine with AND.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.job.JobService"))
    @APIResponse(responseCode = "200", description = "A page of job postings.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobList.class)))
    @APIResponse(responseCode = "401", description = "`includeExpired=true` without a bearer token, or a token that is not valid.",
            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = JobService.LIST.parse(uri.getQueryParameters(), caller);
        return responses.list(jobs.list(request), request.fields(), uri, headers);
    }

    @GET
    @PermitAll
    @Path("{idOrSlug}")
    @Produces({ MediaType.APPLICATION_JSON, JsonLd.MEDIA_TYPE })
    @Operation(operationId = "getJob", summary = "Get a job posting",
            description = "One job posting, by id or slug. An expired posting is a 404 without a bearer token. "
                    + "With `Accept: application/ld+json`: the posting as a schema.org `JobPosting` (JSON-LD, for "
                    + "Google's job search; without `fields`).",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.job.JobService"))
    @APIResponse(responseCode = "200", description = "The job posting.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class)),
            @Content(mediaType = JsonLd.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                    description = "A schema.org JobPosting in JSON-LD (`@context`: https://schema.org).")) })
    public Response get(@Parameter(description = "The posting's id or slug.", example = "referent-in-informationssicherheit-m-w-d")
            @PathParam("idOrSlug") String idOrSlug, @Context UriInfo uri, @Context HttpHeaders headers) {
        var item = JobService.LIST.item().parse(uri.getQueryParameters());
        if (JsonLd.preferred(headers)) {
            if (item.fields() != null) {
                throw ProblemException.badRequest("'fields' selects properties of the JSON representation; JSON-LD is always whole.");
            }
            return responses.representation(outputs.jsonLd(idOrSlug), JsonLd.TYPE, headers);
        }
        return responses.item(jobs.get(idOrSlug), item.fields(), headers);
    }


    @POST
    @Idempotent
    @RolesAllowed(Roles.EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createJob", summary = "Create a job posting",
            description = "Creates a job posting. Without `slug`, one is made from the title.")
    @APIResponse(responseCode = "201", description = "The job posting was created; `Location` says where.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class)))
    public Response create(@RequestBody(required = true) @Valid @NotNull JobRequest request, @Context UriInfo uri) {
        JobResponse created = jobs.create(request);
        return responses.created(uri.getBaseUriBuilder().path("v1/jobs").path(created.id().toString()).build(), created);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceJob", summary = "Replace a job posting",
            description = "Replaces every field of the posting; fields left out become empty (`remote` becomes `none`). "
                    + "A missing `slug` keeps the current one. Expired postings can be replaced too.")
    @APIResponse(responseCode = "200", description = "The job posting as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class)))
    public Response replace(@Parameter(description = "The posting's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only replace if the posting still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true) @Valid @NotNull JobRequest request) {
        return responses.updated(jobs.replace(idOrSlug, request, responses.ifMatch(ifMatch)));
    }

    @PATCH
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "patchJob", summary = "Change some fields of a job posting",
            description = "Applies a JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` "
                    + "(or `application/json`, for clients that cannot send that type): fields given are set, fields set to null are cleared. "
                    + "Setting `validThrough` to a later day (or null) brings an expired posting back.")
    @APIResponse(responseCode = "200", description = "The job posting as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class)))
    public Response patch(@Parameter(description = "The posting's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only change if the posting still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = JobRequest.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobRequest.class)) })
            JsonNode patch) {
        return responses.updated(jobs.patch(idOrSlug, patch, responses.ifMatch(ifMatch)));
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Operation(operationId = "deleteJob", summary = "Delete a job posting", description = "Deletes a job posting, expired or not.")
    @APIResponse(responseCode = "204", description = "The job posting was deleted.")
    public Response delete(@Parameter(description = "The posting's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only delete if the posting still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        jobs.delete(idOrSlug, responses.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Revisions per page, 1 to 100 (default 20).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Where the page starts: the `next` of the page before.",
            schema = @Schema(type = SchemaType.STRING))
    @Operation(operationId = "listJobRevisions", summary = "List the revisions of a job posting",
            description = "Every change of the job posting, newest first: who made it, when, what it was and the whole document after it. "
                    + "The revisions of a deleted job posting stay readable for admins, by id. Restore one with a PUT of its `document`.")
    @APIResponse(responseCode = "200", description = "A page of revisions, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionList.class)))
    public Response revisions(@Parameter(description = "The posting's id or slug.", example = "referent-digitalisierung") @PathParam("idOrSlug") String idOrSlug,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.list(revisions.page(jobs.revisable(idOrSlug), uri.getQueryParameters()), null, uri, headers);
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions/{number}")
    @Operation(operationId = "getJobRevision", summary = "Get one revision of a job posting",
            description = "One revision, with the whole document as it was after the change.")
    @APIResponse(responseCode = "200", description = "The revision.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Revision.class)))
    public Response revision(@Parameter(description = "The posting's id or slug.", example = "referent-digitalisierung") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "The revision's number, from 1.", example = "1") @PathParam("number") String number,
            @Context HttpHeaders headers) {
        return responses.item(revisions.get(jobs.revisable(idOrSlug), number), null, headers);
    }

    /** The list envelope, for the API description. */
    @Schema(name = "JobList", description = "A page of job postings.")
    record JobList(List<JobResponse> items, ListEnvelope.PageInfo page) {
    }

    /** The list envelope of revisions, for the API description. */
    @Schema(name = "JobRevisionList", description = "A page of revisions, newest first.")
    record RevisionList(List<Revision> items, ListEnvelope.PageInfo page) {
    }
}
