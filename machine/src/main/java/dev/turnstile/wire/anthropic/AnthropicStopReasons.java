package dev.turnstile.wire.anthropic;

import dev.turnstile.model.FinishReason;

/** Anthropic's {@code stop_reason} as a {@link FinishReason}. */
final class AnthropicStopReasons {
    private AnthropicStopReasons() {}

    /**
     * {@code model_context_window_exceeded} means the output was cut by the context window rather than
     * by {@code max_tokens}; for the turn it is the same thing, an incomplete reply. {@code pause_turn}
     * (a server tool loop paused) and anything unknown are {@link FinishReason#UNKNOWN}.
     */
    static FinishReason of(String stopReason) {
        return switch (stopReason) {
            case "end_turn" -> FinishReason.END_TURN;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.MAX_TOKENS;
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.UNKNOWN;
        };
    }
}
