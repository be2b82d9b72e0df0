package dev.ticker.token;

import dev.ticker.problem.ProblemException;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import dev.ticker.token.Role;

/** Who is calling: anonymous, or the role of a valid bearer token (set by {@link AccessFilter}). */
@RequestScoped
public class Caller {

    private Role role;

    void authenticate(Role role) {
        this.role = role;
    }

    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    /** Whether the caller may see what only editors see (drafts, expired postings). */
    public boolean isEditor() {
        return role != null && role.includes(Role.EDITOR);
    }

    /** Throws 401 unless the caller has a token of at least this role, and 403 when the role is too low. */
    public void require(Role needed, String what) {
        if (role == null) {
            throw new ProblemException(401, "about:blank", "Unauthorized", what + " needs a bearer token.", null);
        }
        if (!role.includes(needed)) {
            throw new ProblemException(403, "about:blank", "Forbidden", what + " needs the role " + needed.value() + ".", null);
        }
    }
}
