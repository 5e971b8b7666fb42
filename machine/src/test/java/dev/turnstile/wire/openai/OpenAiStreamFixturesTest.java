package dev.turnstile.wire.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.Fixtures;
import dev.turnstile.wire.StreamDelta;
import dev.turnstile.wire.StreamDelta.ReasoningDelta;
import dev.turnstile.wire.StreamDelta.TextDelta;
import dev.turnstile.wire.StreamDelta.ToolArgumentsDelta;
import dev.turnstile.wire.StreamDelta.ToolCallStarted;
import dev.turnstile.wire.StreamRun;
import io.vavr.collection.Vector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every recorded OpenAI-style stream decodes to the reply read off the fixture by hand (see
 * fixtures/SOURCES.md for what each recording shows). Expected values are literals, never computed.
 */
class OpenAiStreamFixturesTest {

    private static StreamRun sse(String fixture) {
        return StreamRun.whole(Fixtures.bytes("fixtures/" + fixture), new OpenAiStreamAccumulator());
    }

    private static ModelReply reply(String text, Vector<ToolCall> calls, Usage usage, FinishReason finish, String model) {
        return new ModelReply(new AssistantMessage(text, calls), usage, finish, model);
    }

    @Test
    void complex_agent_run_0_two_parallel_calls_keyed_by_index() {
        StreamRun run = sse("openai/test_complex_agent_run.0.response.sse");
        assertEquals(reply("", Vector.of(
                        new ToolCall("call_q2UyBRP7eXNTzAoR8lEhjc9Z", "get_country", "{}"),
                        new ToolCall("call_b51ijcpFkDiTQG1bQzsrmtW5", "get_product_name", "{}")),
                new Usage(364, 40, 0, 0), FinishReason.TOOL_CALLS, "gpt-4o-2024-08-06"), run.reply());
        assertEquals(List.of(
                new ToolCallStarted(0, "call_q2UyBRP7eXNTzAoR8lEhjc9Z", "get_country"),
                new ToolArgumentsDelta(0, "{}"),
                new ToolCallStarted(1, "call_b51ijcpFkDiTQG1bQzsrmtW5", "get_product_name"),
                new ToolArgumentsDelta(1, "{}")), run.deltas());
    }

    @Test
    void complex_agent_run_1_arguments_split_in_six_fragments() {
        StreamRun run = sse("openai/test_complex_agent_run.1.response.sse");
        assertEquals(reply("", Vector.of(new ToolCall("call_LwxJUB9KppVyogRRLQsamRJv", "get_weather", "{\"city\":\"Mexico City\"}")),
                new Usage(423, 15, 0, 0), FinishReason.TOOL_CALLS, "gpt-4o-2024-08-06"), run.reply());
        assertEquals(List.of(
                new ToolCallStarted(0, "call_LwxJUB9KppVyogRRLQsamRJv", "get_weather"),
                new ToolArgumentsDelta(0, "{\""), new ToolArgumentsDelta(0, "city"), new ToolArgumentsDelta(0, "\":\""),
                new ToolArgumentsDelta(0, "Mexico"), new ToolArgumentsDelta(0, " City"), new ToolArgumentsDelta(0, "\"}")),
                run.deltas());
    }

    @Test
    void complex_agent_run_2_long_structured_arguments() {
        StreamRun run = sse("openai/test_complex_agent_run.2.response.sse");
        String arguments = "{\"answers\":["
                + "{\"label\":\"Capital\",\"answer\":\"The capital of Mexico is Mexico City.\"},"
                + "{\"label\":\"Weather\",\"answer\":\"The weather in Mexico City is currently sunny.\"},"
                + "{\"label\":\"Product Name\",\"answer\":\"The product name is Pydantic AI.\"}]}";
        assertEquals(reply("", Vector.of(new ToolCall("call_CCGIWaMeYWmxOQ91orkmTvzn", "final_result", arguments)),
                new Usage(448, 62, 0, 0), FinishReason.TOOL_CALLS, "gpt-4o-2024-08-06"), run.reply());
        assertEquals(53, run.count(ToolArgumentsDelta.class), "SOURCES.md: \"\" plus 53 fragments");
    }

    @Test
    void run_stream_sync_0_first_chunk_carries_role_id_and_name() {
        StreamRun run = sse("openai/test_run_stream_sync_streams_real_model.0.response.sse");
        assertEquals(reply("", Vector.of(new ToolCall("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "{\"country\":\"UK\"}")),
                new Usage(53, 15, 0, 0), FinishReason.TOOL_CALLS, "gpt-4o-mini-2024-07-18"), run.reply());
    }

    @Test
    void run_stream_sync_1_text_reply() {
        StreamRun run = sse("openai/test_run_stream_sync_streams_real_model.1.response.sse");
        assertEquals(reply("The capital of the UK is London.", Vector.empty(), new Usage(78, 9, 0, 0),
                FinishReason.END_TURN, "gpt-4o-mini-2024-07-18"), run.reply());
        assertEquals(List.of(new TextDelta("The"), new TextDelta(" capital"), new TextDelta(" of"), new TextDelta(" the"),
                new TextDelta(" UK"), new TextDelta(" is"), new TextDelta(" London"), new TextDelta(".")), run.deltas());
    }

    @Test
    void variant_a_0_whole_call_sent_twice_without_finish_reason() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_a.0.response.sse");
        // One call, not two; name not "llm_versionllm_version"; arguments "{}" not "{}{}"; no finish_reason.
        assertEquals(reply("", Vector.of(new ToolCall("0", "llm_version", "{}")), new Usage(57, 17, 0, 0),
                FinishReason.UNKNOWN, "moonshotai/kimi-k2"), run.reply());
        assertEquals(List.of(new ToolCallStarted(0, "0", "llm_version"), new ToolArgumentsDelta(0, "{}")), run.deltas());
        assertTrue(run.reply().message().hasToolCalls(), "tool use comes from the calls, not from finish_reason");
    }

    @Test
    void variant_a_1_text_with_usage_chunk_holding_choices() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_a.1.response.sse");
        assertEquals(reply("The current version of *llm* is **0.fixed-version**.", Vector.empty(), new Usage(107, 15, 0, 0),
                FinishReason.END_TURN, "moonshotai/kimi-k2"), run.reply());
    }

    @Test
    void variant_b_0_first_fragment_already_holds_the_whole_arguments() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_b.0.response.sse");
        assertEquals(reply("", Vector.of(new ToolCall("0", "llm_version", "{}")), new Usage(57, 17, 0, 0),
                FinishReason.UNKNOWN, "moonshotai/kimi-k2"), run.reply());
        assertEquals(List.of(new ToolCallStarted(0, "0", "llm_version"), new ToolArgumentsDelta(0, "{}")), run.deltas());
    }

    @Test
    void variant_b_1_text() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_b.1.response.sse");
        assertEquals(reply("The current version of *llm* is **0.fixed-version**.", Vector.empty(), new Usage(107, 15, 0, 0),
                FinishReason.END_TURN, "moonshotai/kimi-k2"), run.reply());
    }

    @Test
    void variant_c_0_no_arguments_key_then_arguments_without_id() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_c.0.response.sse");
        assertEquals(reply("", Vector.of(new ToolCall("llm_version:0", "llm_version", "{}")), new Usage(56, 12, 0, 0),
                FinishReason.TOOL_CALLS, "moonshotai/kimi-k2"), run.reply());
        assertEquals(List.of(new ToolCallStarted(0, "llm_version:0", "llm_version"), new ToolArgumentsDelta(0, "{}")), run.deltas());
    }

    @Test
    void variant_c_1_text() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_c.1.response.sse");
        assertEquals(reply("The installed version of LLM on this system is 0.fixed-version.", Vector.empty(),
                new Usage(105, 16, 0, 0), FinishReason.END_TURN, "moonshotai/kimi-k2"), run.reply());
    }

    @Test
    void variant_d_0_null_arguments_mean_empty_object() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_d.0.response.sse");
        assertEquals(reply("", Vector.of(new ToolCall("0", "llm_version", "{}")), new Usage(57, 17, 0, 0),
                FinishReason.TOOL_CALLS, "muse-spark-1.1"), run.reply());
        assertEquals(List.of(new ToolCallStarted(0, "0", "llm_version")), run.deltas(), "null arguments are no fragment");
    }

    @Test
    void variant_d_1_text() {
        StreamRun run = sse("openai-compatible/test_tools_streaming_variant_d.1.response.sse");
        assertEquals(reply("The current version of *llm* is **0.fixed-version**.", Vector.empty(), new Usage(107, 15, 0, 0),
                FinishReason.END_TURN, "muse-spark-1.1"), run.reply());
    }

    /** Framed as SSE with a {@code data: [DONE]} appended: the .chunks.txt file has neither (see SOURCES.md). */
    @Test
    void xai_reasoning_content_then_one_whole_tool_call() {
        StreamRun run = StreamRun.whole(Fixtures.chunksAsSse("fixtures/openai-compatible/xai-tool-call.chunks.txt", "[DONE]"),
                new OpenAiStreamAccumulator());
        // 307 prompt (306 cached); output 253 = 26 completion + 227 reasoning, as total_tokens 560 - 307 says.
        assertEquals(reply("", Vector.of(new ToolCall("call_79382389", "weather", "{\"location\":\"San Francisco\"}")),
                new Usage(307, 253, 306, 0), FinishReason.TOOL_CALLS, "grok-3-mini"), run.reply());
        assertEquals(227, run.count(ReasoningDelta.class));
        assertEquals(0, run.count(TextDelta.class), "reasoning is never reply text");
        assertTrue(run.streamedReasoning().startsWith("First, the"), run.streamedReasoning());
        assertEquals(List.of(new ToolCallStarted(0, "call_79382389", "weather"),
                new ToolArgumentsDelta(0, "{\"location\":\"San Francisco\"}")), run.deltas().subList(227, 229));
    }

    /** Framed as SSE with a {@code data: [DONE]} appended: the .chunks.txt file has neither (see SOURCES.md). */
    @Test
    void azure_first_chunk_without_choices_and_filter_results() {
        StreamRun run = StreamRun.whole(Fixtures.chunksAsSse("fixtures/openai-compatible/azure-text.chunks.txt", "[DONE]"),
                new OpenAiStreamAccumulator());
        assertEquals(reply("Hello World", Vector.empty(), new Usage(15, 5, 0, 0), FinishReason.END_TURN, "gpt-4"), run.reply());
        assertEquals(List.<StreamDelta>of(new TextDelta("Hello"), new TextDelta(" World")), run.deltas());
    }
}
