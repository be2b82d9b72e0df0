package dev.ticker.content;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an event says of a resource that readers no longer see (unpublished or deleted): its keys
 * (described as RemovedResource in the API description's webhooks).
 */
public record Removed(UUID id, String slug, @JsonInclude(JsonInclude.Include.NON_NULL) Integer number) {
}
