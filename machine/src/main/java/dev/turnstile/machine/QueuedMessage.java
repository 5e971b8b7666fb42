package dev.turnstile.machine;

import java.time.Instant;
import java.util.Objects;

/** A user message that arrived during a turn and waits for its delivery point. */
public record QueuedMessage(String text, Delivery delivery, Instant receivedAt) {
    /** Validates fields. */
    public QueuedMessage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
