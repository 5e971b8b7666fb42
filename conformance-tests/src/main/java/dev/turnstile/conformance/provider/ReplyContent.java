package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a scripted model reply says, independent of the wire format: optional text (and into how
 * many deltas a stream cuts it), tool calls, usage, an explicit stop reason, and the ids a
 * provider would stamp on it.
 *
 * @param text        the assistant text, or {@code null} for none
 * @param textDeltas  how many deltas a stream cuts the text into
 * @param toolCalls   tool calls, in order
 * @param usage       token usage, or {@code null} for "not reported" where the format allows it
 * @param stopReason  an explicit stop / finish reason, or {@code null} to derive it
 * @param model       the model name the reply claims
 * @param id          the reply id
 */
record ReplyContent(String text, int textDeltas, List<ScriptedToolCall> toolCalls, TokenUsage usage,
                    String stopReason, String model, String id) {

    ReplyContent {
        if (textDeltas < 1) {
            throw new IllegalArgumentException("text deltas must be at least 1, got " + textDeltas);
        }
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(id, "id");
    }

    List<String> textPieces() {
        return text == null ? List.of() : TextPieces.split(text, textDeltas);
    }

    ReplyContent withText(String newText) {
        return new ReplyContent(Objects.requireNonNull(newText, "text"), textDeltas, toolCalls, usage, stopReason, model, id);
    }

    ReplyContent withTextDeltas(int count) {
        return new ReplyContent(text, count, toolCalls, usage, stopReason, model, id);
    }

    ReplyContent withToolCall(ScriptedToolCall call) {
        List<ScriptedToolCall> calls = new ArrayList<>(toolCalls);
        calls.add(Objects.requireNonNull(call, "call"));
        return new ReplyContent(text, textDeltas, calls, usage, stopReason, model, id);
    }

    ReplyContent withUsage(TokenUsage newUsage) {
        return new ReplyContent(text, textDeltas, toolCalls, newUsage, stopReason, model, id);
    }

    ReplyContent withStopReason(String reason) {
        return new ReplyContent(text, textDeltas, toolCalls, usage, reason, model, id);
    }

    ReplyContent withModel(String newModel) {
        return new ReplyContent(text, textDeltas, toolCalls, usage, stopReason, newModel, id);
    }

    ReplyContent withId(String newId) {
        return new ReplyContent(text, textDeltas, toolCalls, usage, stopReason, model, newId);
    }
}
