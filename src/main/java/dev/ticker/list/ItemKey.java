package dev.ticker.list;

import java.util.UUID;

/** An item of a list page by its id and version: what it looks like is the same for every version. */
public record ItemKey(UUID id, int version) {
}
