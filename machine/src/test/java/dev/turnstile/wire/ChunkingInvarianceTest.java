package dev.turnstile.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.wire.anthropic.AnthropicStreamAccumulator;
import dev.turnstile.wire.openai.OpenAiStreamAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every streamed fixture and hand-made stream gives the same deltas and the same result whether fed
 * whole, byte by byte (splitting every CRLF pair and every UTF-8 sequence), or in seeded random chunks.
 * Each seed is printed; rerun one with {@code -Dwire.seed=<seed>}.
 */
class ChunkingInvarianceTest {
    private static final int RANDOM_SPLITS_PER_STREAM = 5;
    private static final long BASE_SEED = 0x7E57_5EEDL;
    /** When set, exactly this seed is used for every stream (to replay a printed failure). */
    private static final Long FORCED_SEED = Long.getLong("wire.seed");

    static Stream<Arguments> streams() {
        List<Arguments> streams = new ArrayList<>();
        Supplier<StreamAccumulator> openAi = OpenAiStreamAccumulator::new;
        Supplier<StreamAccumulator> anthropic = AnthropicStreamAccumulator::new;
        for (String name : List.of(
                "fixtures/openai/test_complex_agent_run.0.response.sse",
                "fixtures/openai/test_complex_agent_run.1.response.sse",
                "fixtures/openai/test_complex_agent_run.2.response.sse",
                "fixtures/openai/test_run_stream_sync_streams_real_model.0.response.sse",
                "fixtures/openai/test_run_stream_sync_streams_real_model.1.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_a.0.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_a.1.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_b.0.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_b.1.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_c.0.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_c.1.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_d.0.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_d.1.response.sse",
                "wire/handmade-openai-bom-crlf-comments.sse",
                "wire/handmade-openai-empty-arguments.sse",
                "wire/handmade-openai-error-in-stream.sse",
                "wire/handmade-openai-new-id-at-busy-index.sse",
                "wire/handmade-openai-repeated-complete-arguments.sse",
                "wire/handmade-openai-tool-calls-with-stop-finish.sse",
                "wire/handmade-openai-truncated.sse")) {
            streams.add(Arguments.of(name, Fixtures.bytes(name), openAi));
        }
        // .chunks.txt files are framed as SSE; OpenAI ones get the data: [DONE] they lack (see SOURCES.md).
        for (String name : List.of("fixtures/openai-compatible/xai-tool-call.chunks.txt", "fixtures/openai-compatible/azure-text.chunks.txt")) {
            streams.add(Arguments.of(name + " (framed, [DONE] appended)", Fixtures.chunksAsSse(name, "[DONE]"), openAi));
        }
        for (String name : List.of(
                "fixtures/anthropic/test_tools.0.response.sse",
                "fixtures/anthropic/test_tools.1.response.sse",
                "fixtures/anthropic/test_anthropic_native_tool_search_streaming.0.response.sse",
                "fixtures/anthropic/test_anthropic_native_tool_search_streaming.1.response.sse",
                "fixtures/anthropic/test_anthropic_code_execution_tool_stream.0.response.sse",
                "wire/handmade-anthropic-cumulative-usage.sse",
                "wire/handmade-anthropic-error-in-stream.sse",
                "wire/handmade-anthropic-message.sse",
                "wire/handmade-anthropic-truncated.sse")) {
            streams.add(Arguments.of(name, Fixtures.bytes(name), anthropic));
        }
        for (String name : List.of("fixtures/anthropic/anthropic-issue-11719-quoted-tool-input.chunks.txt",
                "fixtures/anthropic/anthropic-tool-no-args.chunks.txt")) {
            streams.add(Arguments.of(name + " (framed)", Fixtures.chunksAsSse(name, null), anthropic));
        }
        return streams.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void chunking_does_not_change_deltas_or_result(String name, byte[] body, Supplier<StreamAccumulator> accumulator) {
        StreamRun whole = StreamRun.whole(body, accumulator.get());
        assertEquals(whole, StreamRun.byteByByte(body, accumulator.get()), name + " byte by byte");
        for (long seed : seedsFor(name)) {
            System.out.println("seed=" + seed + " stream=" + name);
            assertEquals(whole, StreamRun.randomSplits(body, seed, accumulator.get()), name + " random splits, seed=" + seed);
        }
    }

    private static List<Long> seedsFor(String name) {
        if (FORCED_SEED != null) {
            return List.of(FORCED_SEED);
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < RANDOM_SPLITS_PER_STREAM; i++) {
            seeds.add(BASE_SEED + 31L * name.hashCode() + i); // String.hashCode is stable across JVMs
        }
        return seeds;
    }

    static Stream<Arguments> anthropicChunkFiles() {
        return Stream.of(Arguments.of("fixtures/anthropic/anthropic-issue-11719-quoted-tool-input.chunks.txt"),
                Arguments.of("fixtures/anthropic/anthropic-tool-no-args.chunks.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anthropicChunkFiles")
    void payloads_fed_directly_equal_the_same_payloads_framed_as_sse(String name) {
        assertEquals(StreamRun.whole(Fixtures.chunksAsSse(name, null), new AnthropicStreamAccumulator()),
                StreamRun.payloads(Fixtures.chunkPayloads(name), new AnthropicStreamAccumulator()));
    }
}
