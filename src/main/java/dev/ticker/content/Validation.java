package dev.ticker.content;

/** Patterns shared by the request records of every type. */
public final class Validation {

    public static final String HTTP_URL = "^https?://[^\\s/$.?#][^\\s]*$";
    public static final String HTTP_URL_MESSAGE = "must be an absolute http or https URL";
    /** Lowercase words joined by single hyphens, and not shaped like a UUID (paths take both). */
    public static final String SLUG = "^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)[a-z0-9]+(-[a-z0-9]+)*$";
    public static final String SLUG_MESSAGE = "must be lowercase letters and digits separated by single hyphens, and not a UUID";
    /** ISO 3166-2 subdivision code, such as DE-NW. */
    public static final String STATE = "^[A-Z]{2}-[A-Z0-9]{1,3}$";
    public static final String STATE_MESSAGE = "must be an ISO 3166-2 code such as DE-NW";

    private Validation() {
    }
}
