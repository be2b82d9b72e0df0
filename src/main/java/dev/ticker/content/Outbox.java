package dev.ticker.content;

/**
 * Where the events of content changes go (webhooks): written in the transaction of the change,
 * so an event exists exactly when its change committed. Implemented by the webhook package.
 */
public interface Outbox {

    /**
     * Adds an event for whoever subscribed to its type.
     *
     * @param type the event's type ("news.published", docs/webhooks.md)
     * @param data what readers without a token see of the resource: the whole resource, or its
     *             {@link Removed} keys when they no longer see it
     */
    void add(String type, Object data);
}
