package dev.turnstile.cli.demo;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted reply as OpenAI chat-completion stream events ({@code data: {chunk}\n\n} … {@code data:
 * [DONE]\n\n}), the way real servers send them: text in word-sized deltas, each tool call opened with
 * its id and name and its arguments sent in two fragments, then the finish reason, then a usage chunk
 * with empty {@code choices}. Also the same reply as one non-streamed completion body.
 */
final class OpenAiStream {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiStream() {}

    /** The stream events of a reply, in order. */
    static List<String> events(String model, int replyIndex, String text, List<ScriptedReply.Call> calls,
            long inputTokens, long outputTokens) {
        String id = "chatcmpl-demo-" + replyIndex;
        List<String> events = new ArrayList<>();
        ObjectNode role = JSON.createObjectNode().put("role", "assistant").put("content", "");
        events.add(event(chunk(id, model, role, null)));
        for (String word : words(text)) {
            events.add(event(chunk(id, model, JSON.createObjectNode().put("content", word), null)));
        }
        for (int i = 0; i < calls.size(); i++) {
            ScriptedReply.Call call = calls.get(i);
            ObjectNode open = JSON.createObjectNode();
            ObjectNode fragment = open.putArray("tool_calls").addObject();
            fragment.put("index", i).put("id", toolCallId(replyIndex, i)).put("type", "function");
            fragment.putObject("function").put("name", call.name()).put("arguments", "");
            events.add(event(chunk(id, model, open, null)));
            String args = call.argumentsJson();
            int half = args.length() / 2;
            for (String part : new String[] {args.substring(0, half), args.substring(half)}) {
                ObjectNode more = JSON.createObjectNode();
                ObjectNode piece = more.putArray("tool_calls").addObject();
                piece.put("index", i);
                piece.putObject("function").put("arguments", part);
                events.add(event(chunk(id, model, more, null)));
            }
        }
        events.add(event(chunk(id, model, JSON.createObjectNode(), calls.isEmpty() ? "stop" : "tool_calls")));
        ObjectNode usageChunk = JSON.createObjectNode();
        usageChunk.put("id", id).put("object", "chat.completion.chunk").put("created", 0).put("model", model);
        usageChunk.putArray("choices");
        usageChunk.set("usage", usage(inputTokens, outputTokens));
        events.add(event(usageChunk));
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** The same reply as one {@code chat.completion} body, for requests with {@code stream: false}. */
    static String completion(String model, int replyIndex, String text, List<ScriptedReply.Call> calls,
            long inputTokens, long outputTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-demo-" + replyIndex).put("object", "chat.completion").put("created", 0)
                .put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant").put("content", text);
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                ObjectNode call = toolCalls.addObject();
                call.put("id", toolCallId(replyIndex, i)).put("type", "function");
                call.putObject("function").put("name", calls.get(i).name())
                        .put("arguments", calls.get(i).argumentsJson());
            }
        }
        choice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
        body.set("usage", usage(inputTokens, outputTokens));
        return body.toString();
    }

    private static ObjectNode usage(long inputTokens, long outputTokens) {
        return JSON.createObjectNode().put("prompt_tokens", inputTokens).put("completion_tokens", outputTokens)
                .put("total_tokens", inputTokens + outputTokens);
    }

    private static String toolCallId(int replyIndex, int i) {
        return "call_" + replyIndex + "_" + i;
    }

    private static ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id).put("object", "chat.completion.chunk").put("created", 0).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static String event(ObjectNode chunk) {
        return "data: " + chunk + "\n\n";
    }

    /** The text in pieces of one word and the space after it, as token streams look. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
