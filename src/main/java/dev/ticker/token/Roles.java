package dev.ticker.token;

import java.util.Set;

/**
 * The roles a token grants, as {@code @RolesAllowed} names them. An admin is also an editor:
 * {@code editor} writes content and reads what only editors see, {@code admin} also manages
 * tokens (and, later, webhooks).
 */
public final class Roles {

    public static final String EDITOR = "editor";
    public static final String ADMIN = "admin";

    /** The values a token's {@code role} may have. */
    static final String PATTERN = "editor|admin";

    private Roles() {
    }

    /** The roles of an identity holding a token of this role. */
    static Set<String> grantedBy(String role) {
        return ADMIN.equals(role) ? Set.of(ADMIN, EDITOR) : Set.of(EDITOR);
    }
}
