package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Broken streams as the client sees them: resets, truncation, bad events, errors inside a 200. */
class StreamFaultsTest {

    private final FakeProviderServer server = FakeProviderServer.start();
    private final HttpClient client = TestHttp.client();

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private HttpResponse<InputStream> stream(Response response, String path) throws Exception {
        server.enqueue(response);
        return client.send(TestHttp.post(server, path, "{}"), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static byte[] firstChunks(Response response, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(response.chunk(i));
        }
        return out.toByteArray();
    }

    /**
     * Bytes a client got before a failure must be a prefix of what the server sent: the JDK
     * client may drop buffered bytes once it sees the failure, so "exactly N chunks" is checked
     * on the wire in the raw-socket tests below.
     */
    private static void assertPrefixOf(byte[] sent, byte[] received) {
        assertTrue(received.length <= sent.length, "received more than was sent");
        assertArrayEquals(Arrays.copyOf(sent, received.length), received, "received bytes are not what was sent");
    }

    @Test
    void a_disconnect_after_n_chunks_sends_exactly_those_chunks_then_resets() throws Exception {
        Response reply = OpenAiReply.text("one two three four").inDeltas(4).streamed();
        server.enqueue(reply.disconnectAfterChunks(3));

        try (RawConnection connection = new RawConnection(server.port())) {
            assertEquals(200, connection.post("/v1/chat/completions", "{}").readHead().status());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(reply.chunk(i), connection.readChunk(), "chunk " + i);
            }
            assertEquals(RawConnection.End.RESET, connection.readEnd());
        }
    }

    @Test
    void a_disconnect_fails_the_client_request_or_its_body() throws Exception {
        Response reply = OpenAiReply.text("one two three four").inDeltas(4).streamed();
        server.enqueue(reply.disconnectAfterChunks(3));

        byte[] received;
        try {
            HttpResponse<InputStream> response = client.send(TestHttp.post(server, "/v1/chat/completions", "{}"),
                    HttpResponse.BodyHandlers.ofInputStream());
            TestHttp.ReadOutcome outcome = TestHttp.readUntilEndOrFailure(response.body());
            assertNotNull(outcome.failure(), "the body must fail, not end normally");
            received = outcome.bytes();
        } catch (IOException failedBeforeTheBody) {
            received = new byte[0];
        }
        assertPrefixOf(firstChunks(reply, 3), received);
    }

    @Test
    void truncation_sends_the_chunks_then_closes_without_the_last_chunk() throws Exception {
        Response reply = AnthropicReply.text("abc").inDeltas(3).streamed();
        server.enqueue(reply.truncateAfterChunks(4));

        try (RawConnection connection = new RawConnection(server.port())) {
            connection.post("/v1/messages", "{}").readHead();
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(reply.chunk(i), connection.readChunk(), "chunk " + i);
            }
            assertEquals(RawConnection.End.CLOSED, connection.readEnd(), "a normal close (FIN), not a reset");
        }
    }

    @Test
    void a_stream_truncated_before_done_fails_the_client_read_and_never_shows_done() throws Exception {
        Response reply = OpenAiReply.text("almost").streamed();

        HttpResponse<InputStream> response = stream(reply.truncateBeforeLastChunk(), "/v1/chat/completions");
        TestHttp.ReadOutcome outcome = TestHttp.readUntilEndOrFailure(response.body());

        assertNotNull(outcome.failure(), "a chunked body without its last chunk is an error");
        assertFalse(outcome.text().contains("[DONE]"));
        assertPrefixOf(firstChunks(reply, reply.chunkCount() - 1), outcome.bytes());
    }

    @Test
    void a_truncated_content_length_body_fails_the_read() throws Exception {
        server.enqueue(OpenAiReply.text("whole").nonStreamed().rechunkedBySize(10).truncateAfterChunks(1));

        IOException failure = assertThrows(IOException.class,
                () -> TestHttp.postForString(client, server, "/v1/chat/completions", "{}"));
        assertNotNull(failure.getMessage());
    }

    @Test
    void a_disconnect_before_headers_fails_the_request() {
        server.enqueue(OpenAiReply.text("never").streamed().disconnectBeforeHeaders());

        assertThrows(IOException.class, () -> TestHttp.postForString(client, server, "/v1/chat/completions", "{}"));
    }

    @Test
    void a_fault_closes_the_connection_and_the_next_request_gets_a_fresh_one() throws Exception {
        server.enqueue(OpenAiReply.text("x").streamed().truncateAfterChunks(1)).enqueue(OpenAiReply.text("y").nonStreamed());

        TestHttp.readUntilEndOrFailure(client.send(TestHttp.post(server, "/v1/chat/completions", "{}"),
                HttpResponse.BodyHandlers.ofInputStream()).body());
        HttpResponse<String> next = TestHttp.postForString(client, server, "/v1/chat/completions", "{}");

        assertEquals(200, next.statusCode());
        assertEquals(2, server.connectionsAccepted());
    }

    @Test
    void a_malformed_data_line_arrives_as_sent_inside_a_complete_stream() throws Exception {
        HttpResponse<InputStream> response = stream(OpenAiReply.text("hi").streamedWithMalformedJsonAfter(1), "/v1/chat/completions");
        TestHttp.ReadOutcome outcome = TestHttp.readUntilEndOrFailure(response.body());

        assertNull(outcome.failure());
        assertTrue(outcome.text().contains("data: " + OpenAiReplyJson.MALFORMED_CHUNK + "\n\n"));
        assertTrue(outcome.text().endsWith("data: [DONE]\n\n"));
    }

    @Test
    void an_openai_error_event_inside_a_200_stream() throws Exception {
        HttpResponse<InputStream> response = stream(OpenAiReply.text("hi").streamedWithErrorAfter(1), "/v1/chat/completions");
        TestHttp.ReadOutcome outcome = TestHttp.readUntilEndOrFailure(response.body());

        assertEquals(200, response.statusCode());
        List<SseTestParser.Event> events = SseTestParser.parse(outcome.text());
        assertEquals("server_error", Json.parse(events.get(1).data(), "e").at("/error/type").stringValue());
        assertEquals(2, events.size());
    }

    @Test
    void an_anthropic_error_event_inside_a_200_stream() throws Exception {
        HttpResponse<InputStream> response = stream(AnthropicReply.text("hi").streamedWithErrorAfter(2), "/v1/messages");
        TestHttp.ReadOutcome outcome = TestHttp.readUntilEndOrFailure(response.body());

        assertEquals(200, response.statusCode());
        assertTrue(outcome.text().endsWith("event: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"), outcome.text());
    }

    @Test
    void delays_between_chunks_do_not_change_what_arrives() throws Exception {
        Response reply = OpenAiReply.text("slow").inDeltas(2).streamed();

        HttpResponse<InputStream> response = stream(reply.withDelayBeforeEachChunk(Duration.ofMillis(1)), "/v1/chat/completions");

        assertEquals(reply.bodyText(), new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
    }
}
