package dev.turnstile.wire.openai;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.UserMessage;
import dev.turnstile.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes a {@link ModelRequest} as an OpenAI chat completions request body.
 *
 * <p>Output is compact JSON with a fixed key order: {@code model}, {@code messages}, {@code tools},
 * {@code tool_choice}, {@code parallel_tool_calls}, the max-tokens field, {@code temperature},
 * {@code stream}, {@code stream_options}. Choices made:
 * <ul>
 *   <li>The system prompt is a {@code system} message (not {@code developer}: older and reasoning models
 *       reject that role, see fixture {@code test_openai_o1_mini_system_role-developer}); none when empty.
 *   <li>An assistant message with tool calls and no text has no {@code content} key, as OpenAI's own
 *       clients send it (fixture {@code test_tool_use_chain_of_two_calls.1.request.json}).
 *   <li>Tool call arguments are sent back exactly as the model produced them.
 *   <li>A tool result is a {@code tool} message. Chat completions has no error flag: an error result's
 *       content already describes the error, so it is sent as is.
 *   <li>{@code tools}, {@code tool_choice} and {@code parallel_tool_calls} are sent only when tools are
 *       offered (OpenAI rejects the latter two without tools); {@code parallel_tool_calls} only when
 *       false, since true is the default.
 *   <li>Streaming requests ask for {@code stream_options: {include_usage: true}} so the last chunk
 *       carries token usage.
 * </ul>
 */
public final class OpenAiRequestEncoder {

    /** Which field carries the output token limit. */
    public enum MaxTokensField {
        /** {@code max_tokens}: understood by every OpenAI-compatible server; deprecated by OpenAI. */
        MAX_TOKENS("max_tokens"),
        /** {@code max_completion_tokens}: required by OpenAI's reasoning models, not known to all compatible servers. */
        MAX_COMPLETION_TOKENS("max_completion_tokens");

        private final String jsonName;

        MaxTokensField(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The JSON field name. */
        public String jsonName() {
            return jsonName;
        }
    }

    /** An encoder using {@code max_tokens}, the widest-understood choice. */
    public static final OpenAiRequestEncoder DEFAULT = new OpenAiRequestEncoder(MaxTokensField.MAX_TOKENS);

    private final MaxTokensField maxTokensField;

    /** Creates an encoder that puts the output token limit in {@code maxTokensField}. */
    public OpenAiRequestEncoder(MaxTokensField maxTokensField) {
        this.maxTokensField = Objects.requireNonNull(maxTokensField, "maxTokensField");
    }

    /** The request body as UTF-8 bytes. */
    public byte[] encode(ModelRequest request, boolean stream) {
        return encodeToString(request, stream).getBytes(StandardCharsets.UTF_8);
    }

    /** The request body as JSON text. */
    public String encodeToString(ModelRequest request, boolean stream) {
        return WireJson.write(toTree(request, stream));
    }

    ObjectNode toTree(ModelRequest request, boolean stream) {
        ObjectNode body = WireJson.newObject();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        request.messages().forEach(message -> messages.add(encodeMessage(message)));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(encodeTool(tool)));
            body.put("tool_choice", toolChoice(request.toolChoice()));
            if (!request.parallelToolCalls()) {
                body.put("parallel_tool_calls", false);
            }
        }
        request.maxOutputTokens().forEach(max -> body.put(maxTokensField.jsonName(), max));
        request.temperature().forEach(temperature -> body.put("temperature", temperature));
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static ObjectNode encodeMessage(Message message) {
        ObjectNode node = WireJson.newObject();
        switch (message) {
            case UserMessage user -> node.put("role", "user").put("content", user.text());
            case AssistantMessage assistant -> {
                node.put("role", "assistant");
                if (!assistant.text().isEmpty() || !assistant.hasToolCalls()) {
                    node.put("content", assistant.text());
                }
                if (assistant.hasToolCalls()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    assistant.toolCalls().forEach(call -> calls.add(encodeToolCall(call)));
                }
            }
            case ToolResultMessage result -> node.put("role", "tool")
                    .put("tool_call_id", result.toolCallId())
                    .put("content", result.content());
        }
        return node;
    }

    private static ObjectNode encodeToolCall(ToolCall call) {
        ObjectNode node = WireJson.newObject().put("id", call.id()).put("type", "function");
        node.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        return node;
    }

    private static ObjectNode encodeTool(ToolSpec tool) {
        ObjectNode node = WireJson.newObject().put("type", "function");
        node.putObject("function")
                .put("name", tool.name())
                .put("description", tool.description())
                .set("parameters", tool.inputSchema().toTree());
        return node;
    }

    private static String toolChoice(ToolChoice choice) {
        return switch (choice) {
            case AUTO -> "auto";
            case NONE -> "none";
            case REQUIRED -> "required";
        };
    }
}
