package dev.turnstile.wire.anthropic;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.wire.HttpFailureRules;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.WireJson;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a non-streamed Anthropic message body (HTTP 200) into a reply.
 *
 * <p>Content blocks: {@code text} is concatenated into the reply text; {@code tool_use} becomes a tool
 * call whose arguments are the canonical text of its {@code input} object. Every other block
 * ({@code thinking}, {@code redacted_thinking}, {@code server_tool_use} and server tool results…) is
 * skipped without failing: server tools ran at Anthropic and are not ours to run. A body of type
 * {@code error}, or one that is not a message, is a failure, not an exception.
 */
public final class AnthropicResponseDecoder {
    private AnthropicResponseDecoder() {}

    /** Decodes a UTF-8 body. */
    public static ReplyResult decode(byte[] body) {
        return decode(new String(body, StandardCharsets.UTF_8));
    }

    /** Decodes a body. */
    public static ReplyResult decode(String body) {
        Option<JsonNode> parsed = WireJson.parseObject(body);
        if (parsed.isEmpty()) {
            return failed("response body is not a JSON object: " + HttpFailureRules.truncate(body));
        }
        JsonNode root = parsed.get();
        if ("error".equals(WireJson.stringOrEmpty(root, "type")) || WireJson.present(root, "error")) {
            return new ReplyResult.Failed(AnthropicErrorMapper.fromEmbeddedError(root.path("error")), "");
        }
        JsonNode content = root.get("content");
        if (content == null || !content.isArray()) {
            return failed("response body is not a message: no content array");
        }
        StringBuilder text = new StringBuilder();
        Vector<ToolCall> calls = Vector.empty();
        for (JsonNode block : content) {
            switch (WireJson.stringOrEmpty(block, "type")) {
                case "text" -> text.append(WireJson.stringOrEmpty(block, "text"));
                case "tool_use" -> calls = calls.append(new ToolCall(WireJson.stringOrEmpty(block, "id"),
                        WireJson.stringOrEmpty(block, "name"), AnthropicToolInput.ofTree(block.get("input"))));
                default -> { } // thinking, server tool blocks, and block types added later
            }
        }
        ModelReply reply = new ModelReply(new AssistantMessage(text.toString(), calls),
                AnthropicUsage.ZERO.updatedBy(root.get("usage")).toUsage(),
                AnthropicStopReasons.of(WireJson.stringOrEmpty(root, "stop_reason")),
                WireJson.stringOrEmpty(root, "model"));
        return new ReplyResult.Completed(reply);
    }

    private static ReplyResult failed(String message) {
        // A 200 that is not a message is most likely a proxy or server hiccup; another attempt may succeed.
        return new ReplyResult.Failed(ModelFailure.of(FailureKind.RETRYABLE, message), "");
    }
}
