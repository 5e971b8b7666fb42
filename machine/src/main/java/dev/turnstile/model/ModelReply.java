package dev.turnstile.model;

import java.util.Objects;

/**
 * One complete model reply, assembled by the adapter from a stream or a single response.
 *
 * @param message the assistant message (text and tool calls)
 * @param usage tokens consumed by this call
 * @param finishReason why the model stopped, as reported
 * @param model the model name the provider says answered (may differ from the one requested)
 */
public record ModelReply(AssistantMessage message, Usage usage, FinishReason finishReason, String model) {
    /** Validates fields. */
    public ModelReply {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(model, "model");
    }
}
