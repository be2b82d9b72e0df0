package dev.ticker.content;

/** Patterns shared by the request records of every type. */
public final class Validation {

    public static final String HTTP_URL = "^https?://[^\\s/$.?#][^\\s]*$";
    public static final String HTTP_URL_MESSAGE = "must be an absolute http or https URL";
    public static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final String SLUG_MESSAGE = "must be lowercase letters and digits separated by single hyphens";
    /** ISO 3166-2 subdivision code, such as DE-NW. */
    public static final String STATE = "^[A-Z]{2}-[A-Z0-9]{1,3}$";
    public static final String STATE_MESSAGE = "must be an ISO 3166-2 code such as DE-NW";

    private Validation() {
    }
}
