package dev.turnstile.model;

import java.util.Objects;

/**
 * The answer to one tool call, as the model will see it.
 *
 * @param toolCallId the {@link ToolCall#id()} answered
 * @param toolName the tool name of that call (Anthropic does not need it, some OpenAI-compatible
 *     servers do)
 * @param content the tool's output, or an error description when {@code isError}
 * @param isError whether the call failed (unknown tool, bad arguments, denied, timed out, tool error…)
 */
public record ToolResultMessage(String toolCallId, String toolName, String content, boolean isError)
        implements Message {
    /** Validates fields. */
    public ToolResultMessage {
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(content, "content");
    }
}
