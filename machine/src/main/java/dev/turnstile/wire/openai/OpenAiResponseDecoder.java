package dev.turnstile.wire.openai;

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
 * Decodes a non-streamed OpenAI chat completion body (HTTP 200) into a reply.
 *
 * <p>{@code message.tool_calls[].function.arguments} is a JSON <em>string</em> holding the model's
 * argument text, kept exactly as produced (null or empty means {@code {}}). {@code content} may be null
 * (tool calls only), a string, or, on some compatible servers, a list of text parts. A 200 body that
 * holds an {@code error} object, no choices, or no JSON at all is a failure, not an exception.
 */
public final class OpenAiResponseDecoder {
    private OpenAiResponseDecoder() {}

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
        if (WireJson.present(root, "error")) {
            return new ReplyResult.Failed(OpenAiErrorMapper.fromEmbeddedError(root.get("error")), "");
        }
        Option<JsonNode> choice = Vector.ofAll(WireJson.elements(root, "choices"))
                .find(c -> c.path("index").asInt(0) == 0);
        if (choice.isEmpty()) {
            return failed("response has no choices");
        }
        JsonNode message = choice.get().path("message");
        String text = contentText(message.get("content")) + WireJson.stringOrEmpty(message, "refusal");
        AssistantMessage assistant = new AssistantMessage(text, toolCalls(message));
        ModelReply reply = new ModelReply(assistant, OpenAiFields.usage(root.get("usage")),
                OpenAiFields.finishReason(WireJson.stringOrEmpty(choice.get(), "finish_reason")),
                WireJson.stringOrEmpty(root, "model"));
        return new ReplyResult.Completed(reply);
    }

    private static Vector<ToolCall> toolCalls(JsonNode message) {
        Vector<ToolCall> calls = Vector.empty();
        for (JsonNode call : WireJson.elements(message, "tool_calls")) {
            int position = calls.size();
            JsonNode function = call.path("function");
            String id = WireJson.string(call, "id").filter(s -> !s.isEmpty())
                    .getOrElse(() -> OpenAiFields.synthesizedToolCallId(position));
            String arguments = OpenAiFields.finishedArguments(OpenAiFields.argumentsText(function.get("arguments")));
            calls = calls.append(new ToolCall(id, WireJson.stringOrEmpty(function, "name"), arguments));
        }
        return calls;
    }

    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.isArray() ? content : Vector.<JsonNode>empty()) {
            if ("text".equals(WireJson.stringOrEmpty(part, "type"))) {
                text.append(WireJson.stringOrEmpty(part, "text"));
            }
        }
        return text.toString();
    }

    private static ReplyResult failed(String message) {
        // A 200 that is not a reply is most likely a proxy or server hiccup; another attempt may succeed.
        return new ReplyResult.Failed(ModelFailure.of(FailureKind.RETRYABLE, message), "");
    }
}
