package dev.ticker.content;

import java.util.UUID;

/**
 * A resource whose revisions a caller asks for: its collection ("news"), its id, and whether it
 * still exists (the revisions of a deleted one stay readable for admins, by id).
 */
public record Revisable(String collection, UUID id, boolean exists) {
}
