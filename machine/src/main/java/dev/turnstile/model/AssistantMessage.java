package dev.turnstile.model;

import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * What the model said: text (possibly empty) and the tool calls it asked for, in the order the
 * model gave them. That order is the order tool results are placed back into the transcript.
 */
public record AssistantMessage(String text, Vector<ToolCall> toolCalls) implements Message {
    /** Validates fields. */
    public AssistantMessage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(toolCalls, "toolCalls");
    }

    /** A text-only message. */
    public static AssistantMessage text(String text) {
        return new AssistantMessage(text, Vector.empty());
    }

    /** Whether the model asked for at least one tool call. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
