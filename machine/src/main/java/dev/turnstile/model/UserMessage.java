package dev.turnstile.model;

import java.util.Objects;

/** What the user said. */
public record UserMessage(String text) implements Message {
    /** Validates fields. */
    public UserMessage {
        Objects.requireNonNull(text, "text");
    }
}
