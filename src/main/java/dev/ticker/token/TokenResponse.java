package dev.ticker.token;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An API token as admins see it; the secret only once, in the answer to its creation. */
@Schema(name = "Token", description = "An API token. `token`, the secret, is shown only in the answer to POST.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @Schema(description = "Stable identifier.", examples = "7c9e6679-7425-40de-944b-e07fc1f90ae7") UUID id,
        @Schema(description = "Who or what uses the token.", examples = "Redaktion Newsletter") String name,
        @Schema(description = "What it may do.", examples = "editor") String role,
        @Schema(description = "When it was created.", examples = "2025-11-12T08:00:00Z") Instant createdAt,
        @Schema(description = "When it stops working; left out: never.", examples = "2026-12-31T23:59:59Z") Instant expiresAt,
        @Schema(description = "The secret, for `Authorization: Bearer …`. Shown once; only its hash is stored.",
                examples = "tk_9vM2x0Q4aYB5ZbqW1JrS7nE8uT3kLdF6hGpC2oVwXyI") String token) {

    static TokenResponse of(AccessToken t, String secret) {
        return new TokenResponse(t.id, t.name, t.role, t.createdAt, t.expiresAt, secret);
    }
}
