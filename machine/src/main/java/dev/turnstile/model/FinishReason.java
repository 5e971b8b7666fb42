package dev.turnstile.model;

/**
 * Why the model stopped producing output, as the provider said. Informational: the machine decides
 * tool use from the calls actually gathered, never from this value, because some servers omit or
 * misreport it.
 */
public enum FinishReason {
    /** A natural end ({@code stop}, {@code end_turn}). */
    END_TURN,
    /** The model asked for tools ({@code tool_calls}, {@code tool_use}). */
    TOOL_CALLS,
    /** The output token limit cut the reply short ({@code length}, {@code max_tokens}). */
    MAX_TOKENS,
    /** A stop sequence matched. */
    STOP_SEQUENCE,
    /** A provider content filter or refusal ended the reply. */
    CONTENT_FILTER,
    /** Absent or not recognised. */
    UNKNOWN
}
