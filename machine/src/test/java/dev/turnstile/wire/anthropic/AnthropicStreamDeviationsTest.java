package dev.turnstile.wire.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.Fixtures;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta.TextDelta;
import dev.turnstile.wire.StreamRun;
import dev.turnstile.wire.sse.SseEvent;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What no Anthropic recording shows, on hand-made streams ({@code wire/handmade-anthropic-*}, each
 * says in its first comment line what it shows) and inline payloads.
 */
class AnthropicStreamDeviationsTest {

    private static StreamRun handMade(String name) {
        return StreamRun.whole(Fixtures.bytes("wire/" + name), new AnthropicStreamAccumulator());
    }

    private static StreamRun payloads(String... payloads) {
        return StreamRun.payloads(List.of(payloads), new AnthropicStreamAccumulator());
    }

    @Test
    void an_error_event_inside_the_200_stream_is_a_failure_with_the_partial_text() {
        StreamRun run = handMade("handmade-anthropic-error-in-stream.sse");
        ReplyResult.Failed failed = run.failed();
        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertEquals(Option.some("overloaded_error"), failed.failure().providerCode());
        assertEquals("error in an HTTP 200 response: overloaded_error: Overloaded", failed.failure().message());
        assertEquals("Partial", failed.partialText());
    }

    @Test
    void a_stream_without_message_stop_is_truncated_and_retryable() {
        StreamRun run = handMade("handmade-anthropic-truncated.sse");
        assertEquals(new ReplyResult.Failed(ModelFailure.of(FailureKind.RETRYABLE,
                "stream ended before message_stop (truncated response)"), "Let me check"), run.result());
    }

    @Test
    void output_tokens_are_cumulative_and_cache_tokens_count_as_input() {
        StreamRun run = handMade("handmade-anthropic-cumulative-usage.sse");
        // input 100 + cache read 40 + cache write 10; output 25 (the last running total, not 10 + 25).
        assertEquals(new ModelReply(AssistantMessage.text("Hello again"), new Usage(150, 25, 40, 10), FinishReason.END_TURN,
                "claude-hand-made"), run.reply());
        assertEquals(List.of(new TextDelta("Hello"), new TextDelta(" again")), run.deltas());
    }

    @Test
    void the_streamed_and_the_non_streamed_form_of_a_message_decode_equal() {
        StreamRun run = handMade("handmade-anthropic-message.sse");
        ReplyResult whole = AnthropicResponseDecoder.decode(Fixtures.bytes("wire/handmade-anthropic-message.json"));
        assertEquals(whole, run.result());
    }

    @Test
    void the_sse_event_name_is_used_when_the_payload_has_no_type() {
        AnthropicStreamAccumulator accumulator = new AnthropicStreamAccumulator();
        accumulator.accept(new SseEvent("message_start", "{\"message\":{\"model\":\"m\",\"usage\":{\"input_tokens\":3}}}", ""));
        accumulator.accept(new SseEvent("message_stop", "{}", ""));
        assertEquals(new ReplyResult.Completed(new ModelReply(AssistantMessage.text(""), Usage.of(3, 0), FinishReason.UNKNOWN, "m")),
                accumulator.finish());
    }

    @Test
    void events_after_message_stop_are_ignored() {
        StreamRun run = payloads("{\"type\":\"message_start\",\"message\":{\"model\":\"m\"}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}",
                "{\"type\":\"message_stop\"}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}",
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"late\"}}");
        assertEquals("a", run.reply().message().text());
    }

    @Test
    void a_tool_use_input_given_whole_in_content_block_start_is_used_when_no_fragment_follows() {
        StreamRun run = payloads("{\"type\":\"message_start\",\"message\":{\"model\":\"m\"}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"a\": 1}}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_stop\"}");
        assertEquals(Vector.of(new ToolCall("t", "f", "{\"a\":1}")), run.reply().message().toolCalls());
    }

    @Test
    void input_that_does_not_parse_is_passed_on_as_is() {
        StreamRun run = payloads("{\"type\":\"message_start\",\"message\":{\"model\":\"m\"}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\": \"}}",
                "{\"type\":\"message_stop\"}");
        assertEquals(Vector.of(new ToolCall("t", "f", "{\"a\": ")), run.reply().message().toolCalls());
    }

    @Test
    void a_payload_that_is_not_json_fails_the_stream() {
        StreamRun run = payloads("{\"type\":\"message_start\",\"message\":{\"model\":\"m\"}}", "not json", "{\"type\":\"message_stop\"}");
        assertEquals(FailureKind.RETRYABLE, run.failed().failure().kind());
    }

    @Test
    void stream_error_types_are_classified() {
        assertEquals(FailureKind.RETRYABLE, errorKind("api_error", "Internal server error"));
        assertEquals(FailureKind.RATE_LIMITED, errorKind("rate_limit_error", "Number of request tokens has exceeded your rate limit"));
        assertEquals(FailureKind.CONTEXT_OVERFLOW, errorKind("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"));
        assertEquals(FailureKind.FATAL, errorKind("authentication_error", "invalid x-api-key"));
        assertEquals(FailureKind.RETRYABLE, errorKind("brand_new_error", "?"));
    }

    private static FailureKind errorKind(String type, String message) {
        return payloads("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}")
                .failed().failure().kind();
    }
}
