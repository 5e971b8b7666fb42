package dev.turnstile.wire.anthropic;

import dev.turnstile.model.ToolCall;

/** A client {@code tool_use} block being assembled from {@code input_json_delta} fragments. */
final class StreamedToolUse {
    private final int position;
    private final String id;
    private final String name;
    private final String startInput;
    private final StringBuilder input = new StringBuilder();

    StreamedToolUse(int position, String id, String name, String startInput) {
        this.position = position;
        this.id = id;
        this.name = name;
        this.startInput = startInput;
    }

    int position() {
        return position;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    void appendInput(String fragment) {
        input.append(fragment);
    }

    ToolCall toToolCall() {
        return new ToolCall(id, name, AnthropicToolInput.ofFragments(input.toString(), startInput));
    }
}
