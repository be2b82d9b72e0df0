package dev.ticker.token;

/**
 * API tokens were created, changed or revoked (here or on another instance), or changes can no
 * longer be followed: what was known about tokens must be checked again.
 */
public record TokensChanged() {
}
