package dev.turnstile.wire.anthropic;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes a {@link ModelRequest} as an Anthropic messages request body.
 *
 * <p>Output is compact JSON with a fixed key order: {@code model}, {@code max_tokens}, {@code system},
 * {@code messages}, {@code tools}, {@code tool_choice}, {@code temperature}, {@code stream}. Choices made:
 * <ul>
 *   <li>The system prompt is the top-level {@code system} string; none when empty.
 *   <li>{@code max_tokens} is required by Anthropic: {@link #DEFAULT_MAX_TOKENS} when the request has no limit.
 *   <li>Content is always a list of blocks. A tool result is a {@code tool_result} block (with
 *       {@code is_error}) in a {@code user} message; consecutive messages of the same role, such as the
 *       results of parallel calls, are merged into one message, as Anthropic expects all results of one
 *       assistant turn in the next user message.
 *   <li>Empty text is left out: Anthropic rejects empty text blocks, and a message left with no block at
 *       all (an empty assistant reply) is dropped.
 *   <li>A tool call's {@code input} must be a JSON object. When the model's argument text is not a JSON
 *       object, {@code {}} is sent instead: the machine has already answered that call with an error
 *       result explaining the bad arguments, so the model still learns of its mistake, and the request
 *       stays valid.
 *   <li>Tool choice: auto → {@code auto}, required → {@code any}, none → {@code none}; when parallel
 *       calls are not allowed, {@code disable_parallel_tool_use: true} (not with {@code none}, where it has
 *       no meaning). {@code tools} and {@code tool_choice} are sent only when tools are offered.
 * </ul>
 */
public final class AnthropicRequestEncoder {

    /** The output token limit sent when the request sets none. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicRequestEncoder() {}

    /** The request body as UTF-8 bytes. */
    public static byte[] encode(ModelRequest request, boolean stream) {
        return encodeToString(request, stream).getBytes(StandardCharsets.UTF_8);
    }

    /** The request body as JSON text. */
    public static String encodeToString(ModelRequest request, boolean stream) {
        return WireJson.write(toTree(request, stream));
    }

    static ObjectNode toTree(ModelRequest request, boolean stream) {
        ObjectNode body = WireJson.newObject();
        body.put("model", request.model());
        body.put("max_tokens", request.maxOutputTokens().getOrElse(DEFAULT_MAX_TOKENS));
        if (!request.system().isEmpty()) {
            body.put("system", request.system());
        }
        body.set("messages", encodeMessages(request));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(encodeTool(tool)));
            body.set("tool_choice", toolChoice(request.toolChoice(), request.parallelToolCalls()));
        }
        request.temperature().forEach(temperature -> body.put("temperature", temperature));
        body.put("stream", stream);
        return body;
    }

    private static ArrayNode encodeMessages(ModelRequest request) {
        ArrayNode messages = WireJson.newArray();
        String currentRole = "";
        ArrayNode currentContent = null;
        for (Message message : request.messages()) {
            ArrayNode blocks = blocksOf(message);
            if (blocks.isEmpty()) {
                continue;
            }
            String role = message instanceof AssistantMessage ? "assistant" : "user";
            if (!role.equals(currentRole)) {
                ObjectNode next = messages.addObject().put("role", role);
                currentContent = next.putArray("content");
                currentRole = role;
            }
            for (JsonNode block : blocks) {
                currentContent.add(block);
            }
        }
        return messages;
    }

    private static ArrayNode blocksOf(Message message) {
        ArrayNode blocks = WireJson.newArray();
        switch (message) {
            case UserMessage user -> addText(blocks, user.text());
            case AssistantMessage assistant -> {
                addText(blocks, assistant.text());
                assistant.toolCalls().forEach(call -> blocks.add(toolUse(call)));
            }
            case ToolResultMessage result -> blocks.addObject()
                    .put("type", "tool_result")
                    .put("tool_use_id", result.toolCallId())
                    .put("content", result.content())
                    .put("is_error", result.isError());
        }
        return blocks;
    }

    private static void addText(ArrayNode blocks, String text) {
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
    }

    private static ObjectNode toolUse(ToolCall call) {
        JsonNode input = WireJson.parse(call.argumentsJson()).filter(JsonNode::isObject).getOrElse(WireJson::newObject);
        ObjectNode block = WireJson.newObject().put("type", "tool_use").put("id", call.id()).put("name", call.name());
        block.set("input", input);
        return block;
    }

    private static ObjectNode encodeTool(ToolSpec tool) {
        ObjectNode node = WireJson.newObject().put("name", tool.name()).put("description", tool.description());
        node.set("input_schema", tool.inputSchema().toTree());
        return node;
    }

    private static ObjectNode toolChoice(ToolChoice choice, boolean parallelToolCalls) {
        ObjectNode node = WireJson.newObject();
        switch (choice) {
            case AUTO -> node.put("type", "auto");
            case REQUIRED -> node.put("type", "any");
            case NONE -> node.put("type", "none");
        }
        if (!parallelToolCalls && choice != ToolChoice.NONE) {
            node.put("disable_parallel_tool_use", true);
        }
        return node;
    }
}
