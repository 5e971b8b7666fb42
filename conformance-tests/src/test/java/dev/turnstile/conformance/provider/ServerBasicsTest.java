package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Lifecycle, routes and connection reuse, seen from java.net.http.HttpClient. */
class ServerBasicsTest {

    private final FakeProviderServer server = FakeProviderServer.start();
    private final HttpClient client = TestHttp.client();

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void the_server_listens_on_loopback_at_an_ephemeral_port() {
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
        assertEquals("http://127.0.0.1:" + server.port() + "/v1/messages", server.uri("/v1/messages").toString());
        assertEquals(server.baseUrl() + "/v1", server.openAiBaseUrl());
        assertEquals(server.baseUrl(), server.anthropicBaseUrl());
    }

    @Test
    void an_unknown_route_is_a_404_with_a_json_error_and_is_recorded_as_unmatched() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        JsonNode body = Json.parse(response.body(), "body");
        assertEquals("fake_provider_not_found", body.at("/error/type").stringValue());
        assertTrue(body.at("/error/message").stringValue().contains("GET /v1/models"));
        assertEquals(List.of("/v1/models"), server.unmatched().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void a_get_on_a_provider_route_is_a_404_too() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/v1/chat/completions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
    }

    @Test
    void one_client_reuses_one_connection_for_two_requests() throws Exception {
        server.enqueue(OpenAiReply.text("one").streamed()).enqueue(AnthropicReply.text("two").nonStreamed());

        HttpResponse<String> first = TestHttp.postForString(client, server, "/v1/chat/completions", TestHttp.openAiRequest("a"));
        HttpResponse<String> second = TestHttp.postForString(client, server, "/v1/messages", TestHttp.anthropicRequest("b"));

        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        assertTrue(first.body().endsWith("data: [DONE]\n\n"));
        assertEquals("two", Json.parse(second.body(), "body").at("/content/0/text").stringValue());
        assertEquals(1, server.connectionsAccepted(), "the second request reused the first connection");
        assertEquals(List.of(1L, 1L), server.requests().stream().map(RecordedRequest::connectionId).toList());
    }

    @Test
    void a_client_that_offers_an_http2_upgrade_is_answered_in_http1() throws Exception {
        server.enqueue(OpenAiReply.text("fine").nonStreamed());
        try (HttpClient defaultClient = HttpClient.newHttpClient()) {
            HttpResponse<String> response = defaultClient.send(TestHttp.post(server, "/v1/chat/completions", "{}"),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        }
    }

    @Test
    void a_request_body_of_unknown_length_arrives_chunked_and_is_reassembled() throws Exception {
        server.enqueue(OpenAiReply.text("ok").nonStreamed());
        byte[] body = TestHttp.openAiRequest("streamed upload").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());

        RecordedRequest recorded = server.requests().get(0);
        assertEquals("chunked", recorded.header("transfer-encoding").orElseThrow());
        assertEquals("streamed upload", recorded.lastUserText().orElseThrow());
    }

    @Test
    void close_stops_listening_and_can_be_called_twice() throws Exception {
        int port = server.port();
        server.close();
        server.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }
}
