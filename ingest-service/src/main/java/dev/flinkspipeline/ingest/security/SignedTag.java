package dev.flinkspipeline.ingest.security;

import java.time.Instant;

/**
 * A signed Connect tag and what it binds.
 *
 * @param value         the tag as it travels (Connect URL, redirect, webhook {@code Tag})
 * @param userReference the application's user reference (may identify a person: never log it)
 * @param expiresAt     after this instant the tag is refused
 */
public record SignedTag(String value, String userReference, Instant expiresAt) {

    @Override
    public String toString() {
        return "SignedTag[expiresAt=" + expiresAt + "]";
    }
}
