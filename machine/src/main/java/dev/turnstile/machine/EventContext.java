package dev.turnstile.machine;

import java.time.Instant;
import java.util.Objects;

/**
 * What every event carries: which session and turn it belongs to, the machine time it happened at,
 * and the session's identity labels.
 *
 * @param turn the turn number, 0 before the first turn
 */
public record EventContext(String sessionId, int turn, Instant at, Labels labels) {
    /** Validates fields. */
    public EventContext {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(labels, "labels");
    }
}
