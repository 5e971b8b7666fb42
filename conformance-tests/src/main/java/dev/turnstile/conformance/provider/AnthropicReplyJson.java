package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a {@link ReplyContent} as Anthropic Messages JSON. */
final class AnthropicReplyJson {

    /** A {@code content_block_delta} payload cut off in the middle of a string: not parseable JSON. */
    static final String MALFORMED_DELTA =
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"unterminat";

    private AnthropicReplyJson() {}

    static List<ObjectNode> streamEvents(ReplyContent content, String stopReason) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(messageStart(content));
        int index = 0;
        if (content.text() != null) {
            ObjectNode start = event("content_block_start").put("index", index);
            start.putObject("content_block").put("type", "text").put("text", "");
            events.add(start);
            for (String piece : content.textPieces()) {
                events.add(delta(index, Json.object().put("type", "text_delta").put("text", piece)));
            }
            events.add(event("content_block_stop").put("index", index));
            index++;
        }
        for (ScriptedToolCall call : content.toolCalls()) {
            ObjectNode start = event("content_block_start").put("index", index);
            ObjectNode block = start.putObject("content_block").put("type", "tool_use").put("id", call.id()).put("name", call.name());
            block.putObject("input");
            events.add(start);
            // The API opens every tool_use with an empty partial_json; a call without arguments gets only that.
            List<String> fragments = call.argumentFragments().isEmpty() ? List.of("") : call.argumentFragments();
            for (String fragment : fragments) {
                events.add(delta(index, Json.object().put("type", "input_json_delta").put("partial_json", fragment)));
            }
            events.add(event("content_block_stop").put("index", index));
            index++;
        }
        ObjectNode messageDelta = event("message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", content.usage().outputTokens());
        events.add(messageDelta);
        events.add(event("message_stop"));
        return events;
    }

    static ObjectNode message(ReplyContent content, String stopReason) {
        ObjectNode message = messageHeader(content);
        ArrayNode blocks = message.putArray("content");
        if (content.text() != null) {
            blocks.addObject().put("type", "text").put("text", content.text());
        }
        for (ScriptedToolCall call : content.toolCalls()) {
            ObjectNode block = blocks.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name());
            block.set("input", inputObject(call));
        }
        message.put("stop_reason", stopReason).putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", content.usage().inputTokens())
                .put("output_tokens", content.usage().outputTokens());
        return message;
    }

    private static ObjectNode messageStart(ReplyContent content) {
        ObjectNode message = messageHeader(content);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        // Like the API: message_start reports the input tokens and a first output token; message_delta the output total.
        message.putObject("usage").put("input_tokens", content.usage().inputTokens())
                .put("output_tokens", Math.min(1, content.usage().outputTokens()));
        ObjectNode start = event("message_start");
        start.set("message", message);
        return start;
    }

    private static ObjectNode messageHeader(ReplyContent content) {
        return Json.object().put("id", content.id()).put("type", "message").put("role", "assistant")
                .put("model", content.model());
    }

    private static JsonNode inputObject(ScriptedToolCall call) {
        if (call.arguments().isEmpty()) {
            return Json.object();
        }
        JsonNode input = Json.parse(call.arguments(), "the arguments of tool use " + call.id());
        if (!input.isObject()) {
            throw new IllegalArgumentException("a non-streamed tool_use input must be a JSON object; "
                    + call.id() + " has " + call.arguments());
        }
        return input;
    }

    private static ObjectNode delta(int index, ObjectNode delta) {
        ObjectNode event = event("content_block_delta").put("index", index);
        event.set("delta", delta);
        return event;
    }

    private static ObjectNode event(String type) {
        return Json.object().put("type", type);
    }
}
