package dev.ticker.event;

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
import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;
import dev.ticker.revision.Revision;
import dev.ticker.revision.Revisions;
import dev.ticker.token.Roles;
import dev.ticker.web.JsonLd;
import dev.ticker.web.JsonResponses;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/v1/events")
@Tag(name = "events", description = "Events of the IT calendar.")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {


    /** text/calendar in UTF-8, as RFC 5545 asks. */
    private static final MediaType CALENDAR = new MediaType("text", "calendar", "utf-8");

    private final EventService events;
    private final EventOutputService outputs;
    private final JsonResponses responses;
    private final SecurityIdentity caller;
    private final Revisions revisions;

    EventResource(EventService events, EventOutputService outputs, JsonResponses responses, SecurityIdentity caller,
            Revisions revisions) {
        this.events = events;
        this.outputs = outputs;
        this.revisions = revisions;
        this.responses = responses;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listEvents", summary = "List events",
            description = "Events in pages of `limit`, soonest first (by start date and time; all-day events first on their day) "
                    + "unless `sort` says otherwise. Filters combine with AND.",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.event.EventService"))
    @APIResponse(responseCode = "200", description = "A page of events.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventList.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = EventService.LIST.parse(uri.getQueryParameters(), caller);
        return responses.list(events.list(request), request.fields(), uri, headers);
    }

    @GET
    @PermitAll
    @Path("calendar.ics")
    @Produces(EventCalendar.MEDIA_TYPE)
    @Operation(operationId = "getEventsCalendar", summary = "Subscribe to the calendar of events",
            description = "The published events as an iCalendar document (RFC 5545) to subscribe to: one VEVENT per event "
                    + "with a stable `UID` (`<id>@ticker`), `SEQUENCE` rising with every change, `DTSTAMP` and `LAST-MODIFIED` "
                    + "the last change, all-day events as dates with an exclusive `DTEND`, timed ones in the event's time zone "
                    + "(`TZID` and its `VTIMEZONE`). Only published events, with a token too; an event that is unpublished or "
                    + "deleted is absent from the next fetch. Without `from` and `to`: the events from " + EventOutputService.DAYS_BACK
                    + " days before today on; at most " + EventOutputService.MAX_EVENTS + " events (the latest). "
                    + "Other parameters than `from`, `to` and `format` are a 400.")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "Only events that last until this day or later (inclusive).",
            schema = @Schema(type = SchemaType.STRING, format = "date", examples = "2025-11-25"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Only events that begin on this day or earlier (inclusive).",
            schema = @Schema(type = SchemaType.STRING, format = "date", examples = "2025-12-31"))
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "Only events of this format.",
            schema = @Schema(implementation = EventFormat.class))
    @APIResponse(responseCode = "200", description = "The calendar.",
            content = @Content(mediaType = EventCalendar.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Response calendar(@Context UriInfo uri, @Context HttpHeaders headers) {
        var request = outputs.calendarRequest(uri.getQueryParameters(), caller);
        return responses.representation(outputs.calendar(request), CALENDAR, headers);
    }

    @GET
    @PermitAll
    @Path("{idOrSlug}/calendar.ics")
    @Produces(EventCalendar.MEDIA_TYPE)
    @Operation(operationId = "getEventCalendar", summary = "Get one event as iCalendar",
            description = "One published event as an iCalendar document (RFC 5545), to add it to a calendar; the same VEVENT "
                    + "as in the calendar of all events. An event that is not published is a 404, with a token too.")
    @APIResponse(responseCode = "200", description = "The event as iCalendar.",
            content = @Content(mediaType = EventCalendar.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Response eventCalendar(@Parameter(description = "The event's id or slug.", example = "kgst-festival")
            @PathParam("idOrSlug") String idOrSlug, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (!uri.getQueryParameters().isEmpty()) {
            throw ProblemException.badRequest("Unknown query parameter '" + Problem.echo(uri.getQueryParameters().keySet()
                    .iterator().next()) + "'. This resource takes no query parameters.");
        }
        return responses.representation(outputs.calendar(idOrSlug), CALENDAR, headers);
    }

    @GET
    @PermitAll
    @Path("{idOrSlug}")
    @Produces({ MediaType.APPLICATION_JSON, JsonLd.MEDIA_TYPE })
    @Operation(operationId = "getEvent", summary = "Get an event",
            description = "One event, by id or slug. With `Accept: application/ld+json`: the event as a schema.org `Event` "
                    + "(JSON-LD, for search engines; without `fields`).",
            extensions = @Extension(name = ListSpec.OPENAPI, value = "dev.ticker.event.EventService"))
    @APIResponse(responseCode = "200", description = "The event.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventResponse.class)),
            @Content(mediaType = JsonLd.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                    description = "A schema.org Event in JSON-LD (`@context`: https://schema.org).")) })
    public Response get(@Parameter(description = "The event's id or slug.", example = "kgst-festival")
            @PathParam("idOrSlug") String idOrSlug, @Context UriInfo uri, @Context HttpHeaders headers) {
        var item = EventService.LIST.item().parse(uri.getQueryParameters());
        if (JsonLd.preferred(headers)) {
            if (item.fields() != null) {
                throw ProblemException.badRequest("'fields' selects properties of the JSON representation; JSON-LD is always whole.");
            }
            return responses.representation(outputs.jsonLd(idOrSlug), JsonLd.TYPE, headers);
        }
        return responses.item(events.get(idOrSlug), item.fields(), headers);
    }


    @POST
    @Idempotent
    @RolesAllowed(Roles.EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEvent", summary = "Create an event",
            description = "Creates an event. Without `slug`, one is made from the title; without `timeZone`, it is Europe/Berlin.")
    @APIResponse(responseCode = "201", description = "The event was created; `Location` says where.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventResponse.class)))
    public Response create(@RequestBody(required = true) @Valid @NotNull EventRequest request, @Context UriInfo uri) {
        EventResponse created = events.create(request);
        return responses.created(uri.getBaseUriBuilder().path("v1/events").path(created.id().toString()).build(), created);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceEvent", summary = "Replace an event",
            description = "Replaces every field of the event; fields left out become empty (`timeZone`: Europe/Berlin). "
                    + "A missing `slug` keeps the current one.")
    @APIResponse(responseCode = "200", description = "The event as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventResponse.class)))
    public Response replace(@Parameter(description = "The event's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only replace if the event still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true) @Valid @NotNull EventRequest request) {
        return responses.updated(events.replace(idOrSlug, request, responses.ifMatch(ifMatch)));
    }

    @PATCH
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "patchEvent", summary = "Change some fields of an event",
            description = "Applies a JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` "
                    + "(or `application/json`, for clients that cannot send that type): fields given are set, fields set to null are cleared.")
    @APIResponse(responseCode = "200", description = "The event as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventResponse.class)))
    public Response patch(@Parameter(description = "The event's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only change if the event still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = EventRequest.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventRequest.class)) })
            JsonNode patch) {
        return responses.updated(events.patch(idOrSlug, patch, responses.ifMatch(ifMatch)));
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}")
    @Operation(operationId = "deleteEvent", summary = "Delete an event", description = "Deletes an event.")
    @APIResponse(responseCode = "204", description = "The event was deleted.")
    public Response delete(@Parameter(description = "The event's id or slug.") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "Only delete if the event still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        events.delete(idOrSlug, responses.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Revisions per page, 1 to 100 (default 20).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Where the page starts: the `next` of the page before.",
            schema = @Schema(type = SchemaType.STRING))
    @Operation(operationId = "listEventRevisions", summary = "List the revisions of a event",
            description = "Every change of the event, newest first: who made it, when, what it was and the whole document after it. "
                    + "The revisions of a deleted event stay readable for admins, by id. Restore one with a PUT of its `document`.")
    @APIResponse(responseCode = "200", description = "A page of revisions, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionList.class)))
    public Response revisions(@Parameter(description = "The event's id or slug.", example = "kgst-festival") @PathParam("idOrSlug") String idOrSlug,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.list(revisions.page(events.revisable(idOrSlug), uri.getQueryParameters()), null, uri, headers);
    }

    @GET
    @RolesAllowed(Roles.EDITOR)
    @Path("{idOrSlug}/revisions/{number}")
    @Operation(operationId = "getEventRevision", summary = "Get one revision of a event",
            description = "One revision, with the whole document as it was after the change.")
    @APIResponse(responseCode = "200", description = "The revision.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Revision.class)))
    public Response revision(@Parameter(description = "The event's id or slug.", example = "kgst-festival") @PathParam("idOrSlug") String idOrSlug,
            @Parameter(description = "The revision's number, from 1.", example = "1") @PathParam("number") String number,
            @Context HttpHeaders headers) {
        return responses.item(revisions.get(events.revisable(idOrSlug), number), null, headers);
    }

    /** The list envelope, for the API description. */
    @Schema(name = "EventList", description = "A page of events.")
    record EventList(List<EventResponse> items, ListEnvelope.PageInfo page) {
    }

    /** The list envelope of revisions, for the API description. */
    @Schema(name = "EventRevisionList", description = "A page of revisions, newest first.")
    record RevisionList(List<Revision> items, ListEnvelope.PageInfo page) {
    }
}
