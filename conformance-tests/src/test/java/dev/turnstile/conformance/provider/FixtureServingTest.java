package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recorded provider traffic (the machine test-jar's fixtures/) served over the wire. */
class FixtureServingTest {

    private static final String OPENAI_SSE = "fixtures/openai/test_complex_agent_run.0.response.sse";

    private final FakeProviderServer server = FakeProviderServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private RawConnection.RawResponse serve(Response response) throws Exception {
        server.enqueue(response);
        try (RawConnection connection = new RawConnection(server.port())) {
            return connection.post("/v1/chat/completions", "{}").readResponse();
        }
    }

    private static byte[] join(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void an_sse_fixture_is_served_byte_for_byte_one_event_per_chunk() throws Exception {
        byte[] file = Fixtures.bytes(OPENAI_SSE);

        RawConnection.RawResponse response = serve(Responses.fixture(OPENAI_SSE));

        assertArrayEquals(file, response.body());
        List<String> chunks = response.chunkTexts();
        assertEquals(new String(file, StandardCharsets.UTF_8).split("\n\n", -1).length - 1, chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.startsWith("data: ") && c.endsWith("\n\n")));
        assertEquals("data: [DONE]\n\n", chunks.get(chunks.size() - 1));
        assertEquals("text/event-stream; charset=utf-8", response.header("content-type"));
    }

    @Test
    void a_fixture_can_be_served_in_seeded_random_splits() throws Exception {
        long seed = TestSeeds.seedFor("FixtureServingTest.random_splits");
        Response split = Responses.fixture("fixtures/anthropic/test_tools.1.response.sse").rechunkedRandomly(seed, 40);

        RawConnection.RawResponse response = serve(split);

        assertEquals(split.chunks().stream().map(c -> c.length).toList(),
                response.chunks().stream().map(c -> c.length).toList(), "seed " + seed);
        assertArrayEquals(Fixtures.bytes("fixtures/anthropic/test_tools.1.response.sse"), response.body(), "seed " + seed);
    }

    @Test
    void a_json_fixture_is_served_with_content_length() throws Exception {
        String name = "fixtures/openai/test_tool_use_chain_of_two_calls.2.response.json";

        RawConnection.RawResponse response = serve(Responses.fixture(name));

        assertEquals(Integer.toString(Fixtures.bytes(name).length), response.header("content-length"));
        assertArrayEquals(Fixtures.bytes(name), response.body());
    }

    @Test
    void chunks_txt_lines_get_data_framing_and_a_final_done() throws Exception {
        String name = "fixtures/openai-compatible/azure-text.chunks.txt";
        List<String> lines = new String(Fixtures.bytes(name), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();

        RawConnection.RawResponse response = serve(Responses.fixture(name));

        List<String> chunks = response.chunkTexts();
        assertEquals(lines.size() + 1, chunks.size());
        assertEquals("data: " + lines.get(0) + "\n\n", chunks.get(0));
        assertEquals("data: [DONE]\n\n", chunks.get(chunks.size() - 1));
    }

    @Test
    void anthropic_chunks_txt_lines_get_event_lines_from_their_type() throws Exception {
        RawConnection.RawResponse response = serve(Fixtures.chunksAsAnthropicStream("fixtures/anthropic/anthropic-tool-no-args.chunks.txt"));

        List<SseTestParser.Event> events = SseTestParser.parse(response.bodyText());
        assertEquals("message_start", events.get(0).event());
        assertEquals("message_stop", events.get(events.size() - 1).event());
        assertEquals(events.size(), response.chunks().size());
        assertTrue(events.stream().anyMatch(e -> "ping".equals(e.event())));
    }

    @Test
    void a_recorded_interaction_keeps_its_status_and_headers() throws Exception {
        RawConnection.RawResponse error = serve(Fixtures.recordedInteraction("fixtures/openai/test_openai_o1_mini_system_role-developer", 0));
        assertEquals(400, error.status());
        assertEquals("unsupported_value", Json.parse(error.bodyText(), "b").at("/error/code").stringValue());

        RawConnection.RawResponse stream = serve(Fixtures.recordedInteraction("fixtures/anthropic/test_tools", 0));
        assertEquals(200, stream.status());
        assertEquals("19999", stream.header("anthropic-ratelimit-requests-remaining"));
        assertArrayEquals(Fixtures.bytes("fixtures/anthropic/test_tools.0.response.sse"), stream.body());
    }

    @Test
    void a_recorded_gzip_body_is_served_with_content_encoding() throws Exception {
        RawConnection.RawResponse response = serve(Fixtures.recordedInteractionGzipped("fixtures/openai/test_tool_use_chain_of_two_calls", 0));

        assertEquals("gzip", response.header("content-encoding"));
        byte[] unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body())).readAllBytes();
        assertArrayEquals(Fixtures.bytes("fixtures/openai/test_tool_use_chain_of_two_calls.0.response.json"), unzipped);
    }

    @Test
    void a_missing_fixture_is_a_clear_error() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Fixtures.bytes("fixtures/none.sse"));
        assertTrue(error.getMessage().startsWith("fixture not found on the classpath: fixtures/none.sse"));
    }

    @Test
    void event_split_and_join_lose_nothing_for_every_sse_fixture() {
        for (String name : List.of(OPENAI_SSE, "fixtures/anthropic/test_anthropic_code_execution_tool_stream.0.response.sse",
                "fixtures/openai-compatible/test_tools_streaming_variant_a.0.response.sse")) {
            byte[] file = Fixtures.bytes(name);
            assertArrayEquals(file, join(Chunking.atSseEventBoundaries(file)), name);
        }
    }
}
