package dev.turnstile.conformance.sim;

/**
 * The rules the {@link InvariantChecker} enforces after every step of a simulated session. The
 * name of a broken rule is what the {@link Shrinker} keeps fixed while it removes inputs.
 */
public enum Invariant {
    /** {@code step} returned normally: an exception from the machine is a broken invariant (a bug). */
    NO_EXCEPTION,
    /** {@code now} is {@code max(previous now, input.at)}: it never goes backwards. */
    NOW_MONOTONE,
    /** The wake is absent or strictly after {@code now}, and never later than a deadline in flight. */
    WAKE_IN_TIME,
    /** A due wake-up fires something: the phase or the turn's progress changes. */
    WAKE_FIRES,
    /** Effect ids are unique and increase across the whole session. */
    EFFECT_IDS_INCREASING,
    /**
     * No command (call, run, check, abandon, approval request) after a turn's outcome until the next
     * turn starts, in the same step or later. The checkpoint taken at a turn's end is not a command.
     */
    NO_COMMAND_AFTER_OUTCOME,
    /** The whole transcript is valid: every tool call answered exactly once, in call order, right after it. */
    TRANSCRIPT_VALID,
    /** Nothing is removed from a transcript; only a pending batch's arguments may change by an approved edit. */
    TRANSCRIPT_APPEND_ONLY,
    /** A model request carries the complete, fully answered transcript and the configured model, prompt and tools. */
    REQUEST_MATCHES_TRANSCRIPT,
    /**
     * An answer is accepted exactly when it answers an effect in flight of the right kind before its
     * deadline; anything else (late, duplicate, abandoned, forgotten by a recovery, unknown, wrong kind)
     * is rejected. The same holds for approval decisions and idempotency keys of user messages.
     */
    ANSWER_ACCEPTANCE,
    /** A rejected input changes nothing but time. */
    REJECTION_CHANGES_NOTHING,
    /** No effect in flight outlives its deadline; an abandon targets only work in flight. */
    DEADLINES_HONOURED,
    /** Every effect is answered, abandoned, timed out, or forgotten through a recovery, at the latest when its turn ends. */
    EFFECTS_SETTLED,
    /** Turns are numbered 1, 2, …; each starts once and ends once with an outcome; outcomes are final. */
    TURN_LIFECYCLE,
    /** Every turn ends within a bound of effects and steps, and the drained session is idle (no livelock). */
    TURN_TERMINATES,
    /** Every accepted user message reaches the transcript exactly once; the queue is empty when idle. */
    MESSAGES_DELIVERED,
    /** At most {@code maxRounds + 1} rounds (the last a grace round without tools); attempts within the retry policy. */
    ROUND_LIMIT,
    /** Retries follow the policy (retry-after honoured up to its cap); non-retryable failures stop the turn. */
    RETRY_POLICY,
    /** Tool runs in flight never exceed the concurrency cap. */
    CONCURRENCY_CAP,
    /** Per-turn and per-tool call limits hold. */
    TOOL_LIMITS,
    /**
     * Only configured, permitted tools run, with schema-valid arguments; an ask-tool runs only after an
     * APPROVE decision for that call, with exactly the approved (possibly edited) arguments.
     */
    PERMISSIONS,
    /** Approvals: requested only for ask-tools, resolved once, never approved by a timer. */
    APPROVALS,
    /** A non-idempotent tool never runs twice (an idempotency key is issued once); idempotent re-runs only at recovery. */
    NO_DOUBLE_RUN,
    /** Session usage never decreases and equals the sum of accepted replies (never reset by retries or recovery). */
    METERS_MONOTONE,
    /** No model call or tool run crosses a hard budget limit; no model call after a budget stop. */
    BUDGET_RESPECTED,
    /** With a host guard, every model call and tool run follows an allowing verdict (or re-issues work at recovery). */
    GUARD_CONSULTED,
    /** Identity labels, session id and time on every event and effect are the session's. */
    LABELS,
    /** A checkpoint's snapshot is the state the step returned. */
    CHECKPOINT_IS_STATE,
    /** A property supplied by the user of the simulator (see {@link Property}). */
    CUSTOM
}
