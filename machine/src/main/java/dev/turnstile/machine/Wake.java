package dev.turnstile.machine;

import java.time.Instant;
import java.util.Objects;

/**
 * The earliest deadline in a state: when the adapter should feed {@link Input.TimeAdvanced}.
 *
 * @param at the instant; always strictly after the state's {@code now}
 * @param reason which kind of deadline it is, for logs and metrics
 */
public record Wake(Instant at, Reason reason) {
    /** Validates fields. */
    public Wake {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }

    /** What kind of deadline a wake-up is for. */
    public enum Reason {
        /** A model call's deadline. */
        MODEL_DEADLINE,
        /** A retry backoff ends. */
        RETRY_BACKOFF,
        /** A tool call's deadline. */
        TOOL_DEADLINE,
        /** An approval request's configured expiry. */
        APPROVAL_EXPIRY,
        /** The budget guard's answer deadline (no answer counts as deny). */
        BUDGET_GUARD_DEADLINE,
        /** The turn's wall-time budget. */
        TURN_DEADLINE
    }
}
