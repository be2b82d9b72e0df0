package dev.ticker.token;

/** What a token may do. Each role includes the ones before it. */
public enum Role {
    /** Writes content and reads drafts. */
    EDITOR,
    /** An editor who also manages tokens and webhooks. */
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
