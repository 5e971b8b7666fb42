package dev.turnstile.model;

import java.util.Objects;

/**
 * A tool call as the model made it.
 *
 * @param id the model's id for the call (chosen by the provider; carried as data)
 * @param name the tool name the model asked for, which may not exist
 * @param argumentsJson the argument text exactly as the model produced it, which may not be valid
 *     JSON; the machine validates it and answers the model with an error result when it is not
 */
public record ToolCall(String id, String name, String argumentsJson) {
    /** Validates fields. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
}
