package dev.turnstile.machine;

/** When a user message that arrives during a turn reaches the model. */
public enum Delivery {
    /** Injected into the transcript at the next round boundary, before the next model call. */
    NEXT_BOUNDARY,
    /** Queued; it starts the next turn once the current one ends. */
    AFTER_TURN
}
