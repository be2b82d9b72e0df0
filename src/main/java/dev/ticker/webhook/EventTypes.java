package dev.ticker.webhook;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a subscription can ask for (docs/webhooks.md): what readers without a token notice of
 * each resource type. {@code *} asks for all of them; {@code ping} is sent only on request.
 */
public final class EventTypes {

    public static final String ALL = "*";
    public static final String PING = "ping";
    /** The resource types, as events name them. */
    public static final List<String> RESOURCES = List.of("news", "issue", "event", "job", "member");
    /** What can happen to one, as a reader without a token sees it. */
    public static final List<String> ACTIONS = List.of("published", "updated", "unpublished", "deleted");
    /** Every event type a subscription may name, in a stable order. */
    public static final List<String> KNOWN = known();

    private EventTypes() {
    }

    private static List<String> known() {
        List<String> all = new ArrayList<>();
        for (String resource : RESOURCES) {
            for (String action : ACTIONS) {
                all.add(resource + "." + action);
            }
        }
        return List.copyOf(all);
    }
}
