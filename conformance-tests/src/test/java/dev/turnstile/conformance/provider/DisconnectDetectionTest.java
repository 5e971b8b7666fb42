package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hanging response lets a test prove that its client really closed the connection. */
class DisconnectDetectionTest {

    private final FakeProviderServer server = FakeProviderServer.start();
    private final HttpClient client = TestHttp.client();

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void chunks_arrive_one_by_one_and_closing_the_stream_is_seen_by_the_server() throws Exception {
        Response reply = OpenAiReply.text("streaming words here").inDeltas(3).streamed();
        server.enqueue(reply.hangAfterChunks(2));

        HttpResponse<InputStream> response = client.send(TestHttp.post(server, "/v1/chat/completions", "{}"),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        // The response never completes, so these bytes can only have arrived incrementally.
        assertArrayEquals(reply.chunk(0), TestHttp.readExactly(body, reply.chunk(0).length));
        assertArrayEquals(reply.chunk(1), TestHttp.readExactly(body, reply.chunk(1).length));
        body.close();

        assertTrue(server.awaitClientDisconnect(TestHttp.PATIENCE), "the server saw the client close");
        assertEquals(List.of(new ClientDisconnect(1, 1, "/v1/chat/completions", 2, true)), server.clientDisconnects());
    }

    @Test
    void cancelling_a_request_that_waits_for_headers_closes_its_connection() throws Exception {
        server.enqueue(AnthropicReply.text("never").streamed().hangBeforeHeaders());

        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(TestHttp.post(server, "/v1/messages", "{}"), HttpResponse.BodyHandlers.ofString());
        assertTrue(server.awaitRequests(1, TestHttp.PATIENCE));
        pending.cancel(true);

        assertTrue(server.awaitClientDisconnect(TestHttp.PATIENCE), "the server saw the cancelled client leave");
        ClientDisconnect disconnect = server.clientDisconnects().get(0);
        assertEquals(0, disconnect.chunksSent());
        assertTrue(disconnect.whileHanging());
        assertTrue(pending.isCompletedExceptionally(), "the cancelled request did not complete normally");
    }

    @Test
    void a_raw_client_closing_its_socket_is_seen_too() throws Exception {
        server.enqueue(Responses.sse(List.of(SseEvent.data("a"), SseEvent.data("b"))).hangAfterChunks(1));

        try (RawConnection connection = new RawConnection(server.port())) {
            connection.post("/v1/chat/completions", "{}").readHead();
            assertEquals("data: a\n\n", new String(connection.readChunk(), java.nio.charset.StandardCharsets.UTF_8));
        }

        assertTrue(server.awaitClientDisconnect(TestHttp.PATIENCE));
        assertEquals(1, server.clientDisconnects().get(0).chunksSent());
    }

    @Test
    void without_a_disconnect_the_wait_times_out_with_false() throws Exception {
        assertFalse(server.awaitClientDisconnect(Duration.ofMillis(50)));
        assertEquals(List.of(), server.clientDisconnects());
    }

    @Test
    void closing_the_server_ends_a_hang_without_recording_a_client_disconnect() throws Exception {
        server.enqueue(OpenAiReply.text("x").streamed().hangAfterChunks(1));
        HttpResponse<InputStream> response = client.send(TestHttp.post(server, "/v1/chat/completions", "{}"),
                HttpResponse.BodyHandlers.ofInputStream());

        server.close();

        TestHttp.ReadOutcome outcome = TestHttp.readUntilEndOrFailure(response.body());
        assertTrue(outcome.failure() != null, "the body cannot complete once the server is gone");
        assertEquals(List.of(), server.clientDisconnects());
    }
}
