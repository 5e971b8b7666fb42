package dev.turnstile.model;

import java.util.Objects;

/**
 * A tool offered to the model.
 *
 * @param name the name the model calls it by
 * @param description what it does, for the model
 * @param inputSchema JSON schema of the arguments object
 * @param idempotent whether running the same call twice (same idempotency key) is harmless; after a
 *     crash only idempotent tools are re-run, any other in-flight call is answered
 *     {@code interrupted: outcome unknown}
 */
public record ToolSpec(String name, String description, Json inputSchema, boolean idempotent) {
    /** Validates fields. */
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tool name must not be empty");
        }
    }
}
