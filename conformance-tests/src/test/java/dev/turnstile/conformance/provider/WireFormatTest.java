package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the server puts on the wire, read with a bare socket. */
class WireFormatTest {

    private final FakeProviderServer server = FakeProviderServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void every_scripted_chunk_is_one_http_chunk() throws Exception {
        server.enqueue(Responses.chunked(200, "text/event-stream", List.of(utf8("data: a\n\n"), utf8("da"), utf8("ta: 👋\n\n"))));

        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.RawResponse response = connection.post("/v1/chat/completions", "{}").readResponse();

            assertEquals(200, response.status());
            assertEquals("chunked", response.header("transfer-encoding"));
            assertNull(response.header("content-length"));
            assertEquals(List.of("data: a\n\n", "da", "ta: 👋\n\n"), response.chunkTexts());
            assertTrue(response.complete());
        }
    }

    @Test
    void a_json_body_is_sent_with_content_length() throws Exception {
        server.enqueue(OpenAiReply.text("Hi").nonStreamed());

        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.RawResponse response = connection.post("/v1/chat/completions", "{}").readResponse();

            assertEquals(Integer.toString(response.body().length), response.header("content-length"));
            assertNull(response.header("transfer-encoding"));
            assertEquals("application/json", response.header("content-type"));
            assertEquals("Hi", Json.parse(response.bodyText(), "body").at("/choices/0/message/content").stringValue());
        }
    }

    @Test
    void one_connection_serves_requests_one_after_another() throws Exception {
        server.enqueue(OpenAiReply.text("first").streamed()).enqueue(OpenAiReply.text("second").nonStreamed());

        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.RawResponse first = connection.post("/v1/chat/completions", "{}").readResponse();
            RawConnection.RawResponse second = connection.post("/v1/chat/completions", "{}").readResponse();

            assertTrue(first.bodyText().contains("\"first\""));
            assertTrue(second.bodyText().contains("\"second\""));
        }
        assertEquals(1, server.connectionsAccepted());
        assertEquals(List.of(1L, 1L), server.requests().stream().map(RecordedRequest::connectionId).toList());
    }

    @Test
    void connection_close_from_the_client_is_honoured_and_announced() throws Exception {
        server.enqueue(OpenAiReply.text("bye").nonStreamed());

        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
            RawConnection.RawResponse response = connection.readResponse();

            assertEquals("close", response.header("connection"));
            assertTrue(connection.serverClosed());
        }
    }

    @Test
    void truncation_ends_the_connection_without_the_last_chunk() throws Exception {
        server.enqueue(Responses.chunked(200, "text/plain", List.of(utf8("a"), utf8("b"), utf8("c"))).truncateAfterChunks(2));

        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.RawResponse response = connection.post("/v1/messages", "{}").readResponse();

            assertEquals(List.of("a", "b"), response.chunkTexts());
            assertFalse(response.complete(), "no terminating zero-size chunk");
        }
    }

    @Test
    void a_truncated_content_length_body_is_short_of_its_announced_length() throws Exception {
        server.enqueue(Responses.json(200, "{\"a\":1}").rechunkedBySize(3).truncateAfterChunks(1));

        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.RawResponse response = connection.post("/v1/messages", "{}").readResponse();

            assertEquals("7", response.header("content-length"));
            assertEquals("{\"a", response.bodyText());
            assertFalse(response.complete());
        }
    }
}
