package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the server keeps of each request. */
class RecordingTest {

    private final FakeProviderServer server = FakeProviderServer.start();
    private final HttpClient client = TestHttp.client();

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void method_path_headers_and_body_are_recorded_with_credentials_redacted() throws Exception {
        server.enqueue(AnthropicReply.text("ok").nonStreamed());
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/messages?beta=true"))
                .header("x-api-key", "sk-ant-test-123")
                .header("Authorization", "Bearer sk-test-456")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.anthropicRequest("Hello"))).build();

        client.send(request, HttpResponse.BodyHandlers.discarding());

        RecordedRequest recorded = server.requests().get(0);
        assertEquals(1, recorded.number());
        assertEquals("POST", recorded.method());
        assertEquals("/v1/messages", recorded.path());
        assertEquals("beta=true", recorded.query());
        assertEquals("HTTP/1.1", recorded.httpVersion());
        assertEquals("REDACTED", recorded.header("X-API-KEY").orElseThrow());
        assertEquals("REDACTED", recorded.header("authorization").orElseThrow());
        assertEquals("2023-06-01", recorded.header("anthropic-version").orElseThrow());
        assertTrue(recorded.sentSecret("x-api-key", "sk-ant-test-123"));
        assertFalse(recorded.sentSecret("x-api-key", "sk-ant-test-999"));
        assertEquals(TestHttp.anthropicRequest("Hello"), recorded.body());
        assertEquals(100, recorded.json().path("max_tokens").intValue());
        assertEquals("Hello", recorded.lastUserText().orElseThrow());
        assertTrue(recorded.isStreaming());
        assertFalse(recorded.headers().toString().contains("sk-"), "no secret in the recorded headers");
    }

    @Test
    void awaiting_requests_returns_once_they_have_arrived() throws Exception {
        server.enqueue(OpenAiReply.text("ok").nonStreamed());
        var pending = client.sendAsync(TestHttp.post(server, "/v1/chat/completions", "{}"), HttpResponse.BodyHandlers.discarding());

        assertTrue(server.awaitRequests(1, TestHttp.PATIENCE));
        assertEquals(200, pending.get().statusCode());
    }
}
