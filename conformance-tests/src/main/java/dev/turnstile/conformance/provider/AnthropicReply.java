package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted Anthropic Messages reply: text and/or tool uses, rendered as a streamed event
 * sequence or a non-streamed {@code message}.
 *
 * <pre>{@code
 * Response hello = AnthropicReply.text("Hello there").inDeltas(3).withUsage(12, 3).streamed();
 * Response call = AnthropicReply.toolUses(
 *         ScriptedToolCall.of("toolu_1", "get_weather", "{\"city\":\"Paris\"}").inFragments(4))
 *     .streamed();
 * }</pre>
 *
 * <p>A stream is: {@code message_start} (with input tokens), then per content block (the text
 * first, then each tool use) {@code content_block_start}, one {@code content_block_delta} per
 * piece ({@code text_delta} or {@code input_json_delta}) and {@code content_block_stop}; then
 * {@code message_delta} with the stop reason and the output tokens, and {@code message_stop}.
 * Immutable; every {@code with…} returns a new reply.
 */
public final class AnthropicReply {

    private final ReplyContent content;

    private AnthropicReply(ReplyContent content) {
        this.content = content;
    }

    /** A reply with only text. */
    public static AnthropicReply text(String text) {
        return empty().withText(text);
    }

    /** A reply with only tool uses. */
    public static AnthropicReply toolUses(ScriptedToolCall... calls) {
        AnthropicReply reply = empty();
        for (ScriptedToolCall call : calls) {
            reply = reply.withToolUse(call);
        }
        return reply;
    }

    private static AnthropicReply empty() {
        return new AnthropicReply(new ReplyContent(null, 1, List.of(), TokenUsage.none(), null,
                "claude-sonnet-4-5", "msg_fake"));
    }

    /** This reply with the given text (the first content block). */
    public AnthropicReply withText(String text) {
        return new AnthropicReply(content.withText(text));
    }

    /** This reply with its text streamed as {@code count} deltas. */
    public AnthropicReply inDeltas(int count) {
        return new AnthropicReply(content.withTextDeltas(count));
    }

    /** This reply with one more {@code tool_use} block. */
    public AnthropicReply withToolUse(ScriptedToolCall call) {
        return new AnthropicReply(content.withToolCall(call));
    }

    /** This reply reporting usage (default: zero tokens). */
    public AnthropicReply withUsage(int inputTokens, int outputTokens) {
        return new AnthropicReply(content.withUsage(new TokenUsage(inputTokens, outputTokens)));
    }

    /** This reply with an explicit {@code stop_reason} such as {@code "max_tokens"}. */
    public AnthropicReply withStopReason(String stopReason) {
        return new AnthropicReply(content.withStopReason(stopReason));
    }

    /** This reply claiming another model name (default {@code claude-sonnet-4-5}). */
    public AnthropicReply withModel(String model) {
        return new AnthropicReply(content.withModel(model));
    }

    /** This reply with another message id (default {@code msg_fake}). */
    public AnthropicReply withId(String id) {
        return new AnthropicReply(content.withId(id));
    }

    /** The {@code stop_reason}: the explicit one, else {@code tool_use} if there are calls, else {@code end_turn}. */
    public String stopReason() {
        if (content.stopReason() != null) {
            return content.stopReason();
        }
        return content.toolCalls().isEmpty() ? "end_turn" : "tool_use";
    }

    /** The stream's event payloads, {@code message_start} to {@code message_stop}; fresh, mutable nodes. */
    public List<ObjectNode> streamEvents() {
        return AnthropicReplyJson.streamEvents(content, stopReason());
    }

    /**
     * The non-streamed {@code message} body. Each tool use's arguments must then be a JSON object
     * (or empty, meaning {@code {}}), since the format carries {@code input} as an object.
     */
    public ObjectNode messageBody() {
        return AnthropicReplyJson.message(content, stopReason());
    }

    /** The reply as a 200 SSE stream, one event per chunk. */
    public Response streamed() {
        return Responses.anthropicStream(streamEvents());
    }

    /** The reply as a 200 JSON body. */
    public Response nonStreamed() {
        return Responses.json(200, messageBody());
    }

    /**
     * The first {@code eventCount} stream events, then {@code event: error} with an overloaded
     * error (see {@link AnthropicErrors#streamErrorEvent}), then the end of the body.
     */
    public Response streamedWithErrorAfter(int eventCount) {
        List<SseEvent> events = new ArrayList<>(anthropicEvents().subList(0, checkedCount(eventCount)));
        events.add(SseEvent.anthropic(AnthropicErrors.streamErrorEvent("overloaded_error", "Overloaded")));
        return Responses.sse(events);
    }

    /**
     * The first {@code eventCount} stream events, then a {@code content_block_delta} event whose
     * data is truncated JSON, then the rest of the stream.
     */
    public Response streamedWithMalformedJsonAfter(int eventCount) {
        List<SseEvent> events = new ArrayList<>(anthropicEvents());
        events.add(checkedCount(eventCount), SseEvent.named("content_block_delta", AnthropicReplyJson.MALFORMED_DELTA));
        return Responses.sse(events);
    }

    private List<SseEvent> anthropicEvents() {
        return streamEvents().stream().map(SseEvent::anthropic).toList();
    }

    private int checkedCount(int eventCount) {
        int available = streamEvents().size();
        if (eventCount < 0 || eventCount > available) {
            throw new IllegalArgumentException("event count must be between 0 and " + available + ", got " + eventCount);
        }
        return eventCount;
    }
}
