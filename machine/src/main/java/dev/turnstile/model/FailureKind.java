package dev.turnstile.model;

/** How a model call failed; decides whether the machine retries. */
public enum FailureKind {
    /** Transient: 5xx, 529 overloaded, connection reset, truncated stream, timeout. Retried with backoff. */
    RETRYABLE,
    /** 429 rate limit; retried after the server's retry-after (up to a cap) or backoff. */
    RATE_LIMITED,
    /** The prompt does not fit the model's context window. Not retried. */
    CONTEXT_OVERFLOW,
    /** Will not succeed by retrying: 400-class errors, bad key, insufficient quota. */
    FATAL,
    /** The call was cancelled by us (abandon, cancellation, shutdown). */
    CANCELLED
}
