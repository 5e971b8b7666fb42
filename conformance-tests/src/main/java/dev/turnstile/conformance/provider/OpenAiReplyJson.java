package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a {@link ReplyContent} as OpenAI Chat Completions JSON. */
final class OpenAiReplyJson {

    /** A stream payload cut off in the middle of a string: not parseable JSON. */
    static final String MALFORMED_CHUNK =
            "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"unterminat";

    /** A fixed creation time keeps every rendering byte-identical across runs. */
    private static final long CREATED = 1_700_000_000L;

    private OpenAiReplyJson() {}

    static List<ObjectNode> streamEvents(ReplyContent content, String finishReason) {
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode roleDelta = Json.object().put("role", "assistant");
        if (content.text() == null) {
            roleDelta.putNull("content");
        } else {
            roleDelta.put("content", "");
        }
        events.add(chunk(content, roleDelta, null));
        for (String piece : content.textPieces()) {
            events.add(chunk(content, Json.object().put("content", piece), null));
        }
        List<ScriptedToolCall> calls = content.toolCalls();
        for (int index = 0; index < calls.size(); index++) {
            ScriptedToolCall call = calls.get(index);
            ObjectNode first = Json.object().put("index", index).put("id", call.id()).put("type", "function");
            first.putObject("function").put("name", call.name()).put("arguments", "");
            events.add(chunk(content, toolCallsDelta(first), null));
            for (String fragment : call.argumentFragments()) {
                ObjectNode next = Json.object().put("index", index);
                next.putObject("function").put("arguments", fragment);
                events.add(chunk(content, toolCallsDelta(next), null));
            }
        }
        events.add(chunk(content, Json.object(), finishReason));
        if (content.usage() != null) {
            ObjectNode usageChunk = header(content, "chat.completion.chunk");
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(content.usage()));
            events.add(usageChunk);
        }
        return events;
    }

    static ObjectNode completion(ReplyContent content, String finishReason) {
        ObjectNode message = Json.object().put("role", "assistant");
        if (content.text() == null) {
            message.putNull("content");
        } else {
            message.put("content", content.text());
        }
        if (!content.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ScriptedToolCall call : content.toolCalls()) {
                ObjectNode node = calls.addObject().put("id", call.id()).put("type", "function");
                node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        ObjectNode body = header(content, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        body.set("usage", usage(content.usage() == null ? TokenUsage.none() : content.usage()));
        return body;
    }

    private static ObjectNode chunk(ReplyContent content, ObjectNode delta, String finishReason) {
        ObjectNode chunk = header(content, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode toolCallsDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private static ObjectNode header(ReplyContent content, String object) {
        return Json.object().put("id", content.id()).put("object", object).put("created", CREATED)
                .put("model", content.model());
    }

    private static ObjectNode usage(TokenUsage usage) {
        return Json.object().put("prompt_tokens", usage.inputTokens())
                .put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.totalTokens());
    }
}
