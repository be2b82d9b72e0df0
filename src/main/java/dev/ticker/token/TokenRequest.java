package dev.ticker.token;

import java.time.Instant;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new API token: who it is for, what it may do, and until when. */
@Schema(name = "TokenInput", description = "A new API token.")
public record TokenRequest(
        @Schema(description = "Unique name: who or what uses the token.", examples = "Redaktion Newsletter")
        @NotBlank @Size(max = 100) String name,
        @Schema(description = "`editor` writes content; `admin` also manages tokens.", examples = "editor", enumeration = { "editor", "admin" })
        @NotNull @Pattern(regexp = Roles.PATTERN, message = "must be editor or admin") String role,
        @Schema(description = "When the token stops working (RFC 3339); never when left out.", examples = "2026-12-31T23:59:59Z")
        @Future Instant expiresAt) {
}
