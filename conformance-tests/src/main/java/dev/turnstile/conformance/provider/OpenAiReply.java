package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted OpenAI Chat Completions reply: text and/or tool calls, rendered as a streamed
 * {@code chat.completion.chunk} sequence or a non-streamed {@code chat.completion}.
 *
 * <pre>{@code
 * Response hello = OpenAiReply.text("Hello there").inDeltas(3).withUsage(12, 3).streamed();
 * Response call = OpenAiReply.toolCalls(
 *         ScriptedToolCall.of("call_1", "get_weather", "{\"city\":\"Paris\"}").inFragments(4))
 *     .nonStreamed();
 * }</pre>
 *
 * <p>A stream is: a role chunk, one chunk per text delta, per tool call a first chunk with
 * {@code id}, {@code type} and {@code name} (and {@code arguments:""}) followed by one chunk per
 * arguments fragment, a chunk with an empty delta and the {@code finish_reason}, a usage chunk
 * with {@code choices:[]} (only if usage was set, as with {@code stream_options.include_usage}),
 * then {@code data: [DONE]}. Immutable; every {@code with…} returns a new reply.
 */
public final class OpenAiReply {

    private final ReplyContent content;

    private OpenAiReply(ReplyContent content) {
        this.content = content;
    }

    /** A reply with only text. */
    public static OpenAiReply text(String text) {
        return empty().withText(text);
    }

    /** A reply with only tool calls. */
    public static OpenAiReply toolCalls(ScriptedToolCall... calls) {
        OpenAiReply reply = empty();
        for (ScriptedToolCall call : calls) {
            reply = reply.withToolCall(call);
        }
        return reply;
    }

    private static OpenAiReply empty() {
        return new OpenAiReply(new ReplyContent(null, 1, List.of(), null, null, "gpt-4o-mini", "chatcmpl-fake"));
    }

    /** This reply with the given text (it comes before any tool call). */
    public OpenAiReply withText(String text) {
        return new OpenAiReply(content.withText(text));
    }

    /** This reply with its text streamed as {@code count} deltas. */
    public OpenAiReply inDeltas(int count) {
        return new OpenAiReply(content.withTextDeltas(count));
    }

    /** This reply with one more tool call. */
    public OpenAiReply withToolCall(ScriptedToolCall call) {
        return new OpenAiReply(content.withToolCall(call));
    }

    /** This reply reporting usage (and, when streamed, sending a usage chunk). */
    public OpenAiReply withUsage(int promptTokens, int completionTokens) {
        return new OpenAiReply(content.withUsage(new TokenUsage(promptTokens, completionTokens)));
    }

    /** This reply with an explicit {@code finish_reason} such as {@code "length"}. */
    public OpenAiReply withFinishReason(String finishReason) {
        return new OpenAiReply(content.withStopReason(finishReason));
    }

    /** This reply claiming another model name (default {@code gpt-4o-mini}). */
    public OpenAiReply withModel(String model) {
        return new OpenAiReply(content.withModel(model));
    }

    /** This reply with another completion id (default {@code chatcmpl-fake}). */
    public OpenAiReply withId(String id) {
        return new OpenAiReply(content.withId(id));
    }

    /** The {@code finish_reason}: the explicit one, else {@code tool_calls} if there are calls, else {@code stop}. */
    public String finishReason() {
        if (content.stopReason() != null) {
            return content.stopReason();
        }
        return content.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }

    /** The stream's {@code chat.completion.chunk} payloads (without {@code [DONE]}); fresh, mutable nodes. */
    public List<ObjectNode> streamEvents() {
        return OpenAiReplyJson.streamEvents(content, finishReason());
    }

    /** The non-streamed {@code chat.completion} body; a fresh, mutable node. */
    public ObjectNode completionBody() {
        return OpenAiReplyJson.completion(content, finishReason());
    }

    /** The reply as a 200 SSE stream ending with {@code data: [DONE]}, one event per chunk. */
    public Response streamed() {
        return Responses.openAiStream(streamEvents());
    }

    /** The reply as a 200 JSON body. */
    public Response nonStreamed() {
        return Responses.json(200, completionBody());
    }

    /**
     * The first {@code eventCount} stream events, then an error inside the 200 stream
     * ({@code data: {"error":{…}}}, see {@link OpenAiErrors#streamErrorEvent}) and the end of the body
     * without {@code [DONE]}.
     */
    public Response streamedWithErrorAfter(int eventCount) {
        List<SseEvent> events = new ArrayList<>(openAiEvents().subList(0, checkedCount(eventCount)));
        events.add(SseEvent.openAi(OpenAiErrors.streamErrorEvent("The server had an error while processing your request.")));
        return Responses.sse(events);
    }

    /**
     * The first {@code eventCount} stream events, then one {@code data:} line of truncated JSON,
     * then the rest of the stream and {@code [DONE]}, so a client that skips bad lines would
     * still see a complete reply.
     */
    public Response streamedWithMalformedJsonAfter(int eventCount) {
        List<SseEvent> events = new ArrayList<>(openAiEvents());
        events.add(checkedCount(eventCount), SseEvent.data(OpenAiReplyJson.MALFORMED_CHUNK));
        events.add(SseEvent.openAiDone());
        return Responses.sse(events);
    }

    private List<SseEvent> openAiEvents() {
        return streamEvents().stream().map(SseEvent::openAi).toList();
    }

    private int checkedCount(int eventCount) {
        int available = streamEvents().size();
        if (eventCount < 0 || eventCount > available) {
            throw new IllegalArgumentException("event count must be between 0 and " + available + ", got " + eventCount);
        }
        return eventCount;
    }
}
