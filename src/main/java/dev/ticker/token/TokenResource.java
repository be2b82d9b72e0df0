package dev.ticker.token;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ticker.content.Slugs;
import dev.ticker.idempotency.Idempotent;
import dev.ticker.list.ItemSpec;
import dev.ticker.list.ListEnvelope;
import dev.ticker.list.Page;
import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;
import dev.ticker.web.JsonResponses;

/** API tokens: admins create, list and revoke them. */
@Path("/v1/tokens")
@Tag(name = "tokens", description = "API tokens (admins only).")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final TokenService tokens;
    private final JsonResponses responses;

    TokenResource(TokenService tokens, JsonResponses responses) {
        this.tokens = tokens;
        this.responses = responses;
    }

    @POST
    @Idempotent(secret = true)
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Create a token",
            description = "Creates an API token and answers its secret in `token`, the only time it is shown.")
    @APIResponse(responseCode = "201", description = "The token, with its secret.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    public Response create(@RequestBody(required = true) @Valid @NotNull TokenRequest request, @Context UriInfo uri) {
        TokenResponse created = tokens.create(request);
        return responses.created(URI.create(uri.getBaseUriBuilder().path("v1/tokens").path(created.id().toString()).build()
                .toString()), created);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listTokens", summary = "List tokens", description = "Every token, without secrets (admins only).")
    @APIResponse(responseCode = "200", description = "The tokens.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenList.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        ItemSpec.NONE.parse(uri.getQueryParameters());
        List<TokenResponse> all = tokens.list();
        return responses.list(new Page<>(all, Math.max(all.size(), 1), all.size(), null), null, uri, headers);
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    @Operation(operationId = "deleteToken", summary = "Revoke a token", description = "The token stops working at once, on every "
            + "instance (with ticker.tokens.remember=true: on the other instances as soon as they hear of the change).")
    @APIResponse(responseCode = "204", description = "The token was revoked.")
    public Response delete(@Parameter(description = "The token's id.") @PathParam("id") String id) {
        UUID uuid = Slugs.asUuid(id);
        if (uuid == null) {
            throw ProblemException.notFound("No token with id '" + Problem.echo(id) + "'.");
        }
        tokens.delete(uuid);
        return Response.noContent().build();
    }

    /** The list envelope, for the API description. */
    @Schema(name = "TokenList", description = "The API tokens.")
    record TokenList(List<TokenResponse> items, ListEnvelope.PageInfo page) {
    }
}
