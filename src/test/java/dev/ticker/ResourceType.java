package dev.ticker;

import java.util.Map;

/**
 * The five stored resource types, for suites that check one concern on every type. The bodies
 * are JSON text with placeholders of {@link BadInputTargets} ({@code $FREE}: an issue number no
 * issue has; {@code $ISSUE}: the number of the target issue), so a case can add properties or
 * break them; {@link #create()} makes a fresh row through {@link Fixtures}.
 */
public enum ResourceType {

    MEMBERS("members", "member", "MEMBER", "MEMBER", "name", "city", "x") {
        @Override
        public String body(String name, String more) {
            return "{\"name\":" + name + and(more) + "}";
        }

        @Override
        public String patch() {
            return "{\"city\":\"Bonn\"}";
        }

        @Override
        public Map<String, Object> create() {
            return Fixtures.createMember();
        }
    },

    NEWS("news", "news item", "NEWS", "NEWS", "title", "teaser", "x") {
        @Override
        public String body(String title, String more) {
            return "{\"title\":" + title + and(more) + "}";
        }

        @Override
        public String patch() {
            return "{\"teaser\":\"x\"}";
        }

        @Override
        public Map<String, Object> create() {
            return Fixtures.createNews();
        }
    },

    EVENTS("events", "event", "EVENT", "EVENT", "title", "title", "Termin") {
        @Override
        public String body(String title, String more) {
            return "{\"title\":" + title + ",\"startDate\":\"2025-12-02\",\"format\":\"online\"" + and(more) + "}";
        }

        @Override
        public Map<String, Object> create() {
            return Fixtures.createEvent();
        }
    },

    JOBS("jobs", "job posting", "JOB", "JOB", "title", "title", "Stelle") {
        @Override
        public String body(String title, String more) {
            return "{\"title\":" + title + ",\"employer\":{\"name\":\"KDO\"}" + and(more) + "}";
        }

        @Override
        public Map<String, Object> create() {
            return Fixtures.createJob();
        }
    },

    ISSUES("issues", "issue", "ISSUE", "ISSUE_ID", "title", "title", "Ausgabe") {
        @Override
        public String body(String title, String more) {
            return issueBody("$FREE", title, more);
        }

        @Override
        public String replacement(String more) {
            return issueBody("$ISSUE", "\"Ausgabe\"", more);
        }

        @Override
        public Map<String, Object> create() {
            return Fixtures.createIssue();
        }

        /** Issues are addressed by their number. */
        @Override
        public String pathOf(Map<String, Object> created) {
            return path() + "/" + created.get("number");
        }
    };

    private final String segment;
    private final String singular;
    private final String targetKey;
    private final String idKey;
    private final String nameProperty;
    private final String textProperty;
    private final String defaultName;

    ResourceType(String segment, String singular, String targetKey, String idKey, String nameProperty, String textProperty,
            String defaultName) {
        this.segment = segment;
        this.singular = singular;
        this.targetKey = targetKey;
        this.idKey = idKey;
        this.nameProperty = nameProperty;
        this.textProperty = textProperty;
        this.defaultName = defaultName;
    }

    /** A valid issue body with the given number (or placeholder) and {@code more} properties added. */
    public static String issue(String number, String more) {
        return issueBody(number, "\"Ausgabe\"", more);
    }

    private static String issueBody(String number, String title, String more) {
        return "{\"number\":" + number + ",\"title\":" + title + ",\"issueDate\":\"2025-11-12\"" + and(more) + "}";
    }

    private static String and(String more) {
        return more.isEmpty() ? "" : "," + more;
    }

    /** The collection: {@code /v1/members}. */
    public String path() {
        return "/v1/" + segment;
    }

    /** "member", "news item", ...: for case names. */
    public String singular() {
        return singular;
    }

    /** The path of the row of this type that bad input is aimed at (issues: by number). */
    public String target() {
        return path() + "/$" + targetKey;
    }

    /** The placeholder of that row's path segment, without the {@code $}: {@code MEMBER}, ..., {@code ISSUE} (a number). */
    public String targetKey() {
        return targetKey;
    }

    /** The placeholder of that row's id, without the {@code $}: the same as {@link #targetKey()} but for issues. */
    public String idKey() {
        return idKey;
    }

    /** The placeholder of the slug of a second row of this type: {@code MEMBER2_SLUG}, ... */
    public String secondSlugKey() {
        return targetKey + "2_SLUG";
    }

    /** The required text property that names the resource: {@code name} for members, else {@code title}. */
    public String nameProperty() {
        return nameProperty;
    }

    /** An optional plain-text property: {@code city}, {@code teaser}, else {@code title}. */
    public String textProperty() {
        return textProperty;
    }

    /**
     * A body for POST with the given JSON value as its name or title (valid when that is a
     * non-blank string) and {@code more} properties (JSON members, comma-separated) added.
     */
    public abstract String body(String name, String more);

    /** A valid body for POST, with {@code more} properties (JSON members, comma-separated) added. */
    public String body(String more) {
        return body("\"" + defaultName + "\"", more);
    }

    public String body() {
        return body("");
    }

    /** A valid body for PUT of the target row, with {@code more} properties added. */
    public String replacement(String more) {
        return body(more);
    }

    public String replacement() {
        return replacement("");
    }

    /** A valid merge patch that changes one text property. */
    public String patch() {
        return "{\"title\":\"x\"}";
    }

    /** Makes a fresh row with unique values and answers its JSON. */
    public abstract Map<String, Object> create();

    /** The path of a row made by {@link #create()}. */
    public String pathOf(Map<String, Object> created) {
        return path() + "/" + created.get("id");
    }

    @Override
    public String toString() {
        return segment;
    }
}
