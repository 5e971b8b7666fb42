package dev.turnstile.wire.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.Fixtures;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta.TextDelta;
import dev.turnstile.wire.StreamDelta.ToolArgumentsDelta;
import dev.turnstile.wire.StreamDelta.ToolCallStarted;
import dev.turnstile.wire.StreamRun;
import dev.turnstile.wire.sse.SseEvent;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DESIGN §5 deviations no recording shows, on hand-made streams ({@code wire/handmade-openai-*.sse},
 * each says in its first comment line what it shows) and on inline payloads.
 */
class OpenAiStreamDeviationsTest {

    private static StreamRun handMade(String name) {
        return StreamRun.whole(Fixtures.bytes("wire/" + name), new OpenAiStreamAccumulator());
    }

    private static StreamRun payloads(String... payloads) {
        return StreamRun.payloads(List.of(payloads), new OpenAiStreamAccumulator());
    }

    @Test
    void a_new_id_at_a_busy_index_starts_a_new_call() {
        StreamRun run = handMade("handmade-openai-new-id-at-busy-index.sse");
        assertEquals(Vector.of(new ToolCall("call_a", "read_file", "{\"path\":\"a.txt\"}"),
                new ToolCall("call_b", "read_file", "{\"path\":\"b.txt\"}")), run.reply().message().toolCalls());
        assertEquals(List.of(new ToolCallStarted(0, "call_a", "read_file"), new ToolArgumentsDelta(0, "{\"path\":\"a.txt\"}"),
                new ToolCallStarted(1, "call_b", "read_file"), new ToolArgumentsDelta(1, "{\"path\":"),
                new ToolArgumentsDelta(1, "\"b.txt\"}")), run.deltas());
        assertEquals(new Usage(20, 12, 0, 0), run.reply().usage());
    }

    @Test
    void a_restated_call_keeps_one_name_and_one_copy_of_its_arguments() {
        StreamRun run = handMade("handmade-openai-repeated-complete-arguments.sse");
        assertEquals(Vector.of(new ToolCall("call_r", "search", "{\"q\":\"turnstile\"}")), run.reply().message().toolCalls());
        assertEquals(List.of(new ToolCallStarted(0, "call_r", "search"), new ToolArgumentsDelta(0, "{\"q\":\"turnstile\"}")),
                run.deltas());
    }

    @Test
    void empty_arguments_to_the_end_mean_an_empty_object() {
        StreamRun run = handMade("handmade-openai-empty-arguments.sse");
        assertEquals(Vector.of(new ToolCall("call_e", "list_tasks", "{}")), run.reply().message().toolCalls());
    }

    @Test
    void tool_calls_count_even_when_finish_reason_says_stop() {
        StreamRun run = handMade("handmade-openai-tool-calls-with-stop-finish.sse");
        assertEquals(new ModelReply(new AssistantMessage("Let me look.", Vector.of(new ToolCall("call_s", "lookup", "{\"key\":\"x\"}"))),
                new Usage(10, 5, 0, 0), FinishReason.END_TURN, "hand-made-model"), run.reply());
        assertTrue(run.reply().message().hasToolCalls());
    }

    @Test
    void an_error_inside_the_200_stream_is_a_failure_with_the_partial_text() {
        StreamRun run = handMade("handmade-openai-error-in-stream.sse");
        ReplyResult.Failed failed = run.failed();
        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertEquals(Option.some("server_error"), failed.failure().providerCode());
        assertTrue(failed.failure().message().contains("The server had an error"), failed.failure().message());
        assertEquals("The answer is", failed.partialText());
        assertEquals(List.of(new TextDelta("The answer is")), run.deltas(), "the [DONE] after the error changes nothing");
    }

    @Test
    void a_stream_without_done_is_truncated_and_retryable() {
        StreamRun run = handMade("handmade-openai-truncated.sse");
        ReplyResult.Failed failed = run.failed();
        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertEquals("stream ended before data: [DONE] (truncated response)", failed.failure().message());
        assertEquals("Once upon a time", failed.partialText(), "the cut-off last event is not dispatched");
    }

    @Test
    void bom_crlf_comments_ids_and_multi_line_data_decode_like_plain_lf() {
        StreamRun run = handMade("handmade-openai-bom-crlf-comments.sse");
        assertEquals(new ModelReply(AssistantMessage.text("Grüße, world 🦅"), new Usage(3, 4, 0, 0),
                FinishReason.END_TURN, "hand-made-model"), run.reply());
    }

    @Test
    void choices_empty_in_every_chunk_but_one() {
        StreamRun run = payloads(
                "{\"choices\":[],\"model\":\"\"}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}],\"model\":\"m\"}",
                "{\"choices\":[]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}",
                "[DONE]");
        assertEquals(new ModelReply(AssistantMessage.text("ok"), Usage.of(1, 1), FinishReason.UNKNOWN, "m"), run.reply());
    }

    @Test
    void unknown_fields_and_other_choice_indexes_are_ignored() {
        StreamRun run = payloads(
                "{\"future\":{\"a\":[1]},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"audio\":null,\"x\":1},\"extra\":true},"
                        + "{\"index\":1,\"delta\":{\"content\":\"never\"}}],\"model\":\"m\"}",
                "[DONE]");
        assertEquals("a", run.reply().message().text());
    }

    @Test
    void openrouter_reasoning_field_is_reasoning_not_text() {
        StreamRun run = payloads(
                "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"thinking…\",\"content\":\"\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"answer\"}}]}",
                "[DONE]");
        assertEquals("answer", run.reply().message().text());
        assertEquals("thinking…", run.streamedReasoning());
    }

    @Test
    void a_call_without_id_gets_a_position_based_id_and_adopts_a_late_one() {
        StreamRun noId = payloads(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}",
                "[DONE]");
        assertEquals(Vector.of(new ToolCall("turnstile_call_0", "f", "{}")), noId.reply().message().toolCalls());
        StreamRun lateId = payloads(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_late\",\"function\":{\"arguments\":\":1}\"}}]}}]}",
                "[DONE]");
        assertEquals(Vector.of(new ToolCall("call_late", "f", "{\"a\":1}")), lateId.reply().message().toolCalls());
    }

    @Test
    void arguments_sent_as_an_object_are_taken_as_their_text() {
        StreamRun run = payloads(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}}]}",
                "[DONE]");
        assertEquals(Vector.of(new ToolCall("c", "f", "{\"a\":1}")), run.reply().message().toolCalls());
    }

    @Test
    void a_chunk_that_is_not_json_fails_the_stream() {
        StreamRun run = payloads("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}", "<html>bad gateway</html>", "[DONE]");
        assertEquals(FailureKind.RETRYABLE, run.failed().failure().kind());
        assertEquals("a", run.failed().partialText());
    }

    @Test
    void empty_data_payloads_are_keep_alives() {
        assertEquals("a", payloads("", "  ", "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}", "[DONE]")
                .reply().message().text());
    }

    @Test
    void an_sse_event_named_error_is_a_failure() {
        OpenAiStreamAccumulator accumulator = new OpenAiStreamAccumulator();
        accumulator.accept(new SseEvent("error", "{\"message\":\"Too many requests\",\"type\":\"rate_limit_error\"}", ""));
        ReplyResult.Failed failed = (ReplyResult.Failed) accumulator.finish();
        assertEquals(FailureKind.RATE_LIMITED, failed.failure().kind());
    }

    @Test
    void stream_errors_are_classified_by_type_and_code() {
        assertEquals(FailureKind.RATE_LIMITED, errorKind("{\"error\":{\"message\":\"slow down\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}"));
        assertEquals(FailureKind.FATAL, errorKind("{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
        assertEquals(FailureKind.CONTEXT_OVERFLOW, errorKind("{\"error\":{\"message\":\"too long\",\"code\":\"context_length_exceeded\"}}"));
        // OpenRouter puts the upstream HTTP status in "code".
        assertEquals(FailureKind.RETRYABLE, errorKind("{\"error\":{\"code\":502,\"message\":\"Provider returned error\"}}"));
        assertEquals(FailureKind.RATE_LIMITED, errorKind("{\"error\":{\"code\":429,\"message\":\"Rate limited upstream\"}}"));
        assertEquals(FailureKind.RETRYABLE, errorKind("{\"error\":\"something broke\"}"));
    }

    private static FailureKind errorKind(String payload) {
        return payloads(payload).failed().failure().kind();
    }
}
