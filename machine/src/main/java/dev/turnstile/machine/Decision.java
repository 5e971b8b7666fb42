package dev.turnstile.machine;

/** A human's decision on a tool call that needed approval. */
public enum Decision {
    /** Run the call (possibly with edited arguments). */
    APPROVE,
    /** Do not run it; the model receives an error result carrying the reason. */
    DENY
}
