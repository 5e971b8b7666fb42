package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Provider error statuses with the bodies and headers real providers send. */
class ErrorResponsesTest {

    private final FakeProviderServer server = FakeProviderServer.start();
    private final HttpClient client = TestHttp.client();

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private HttpResponse<String> answer(Response response, String path) throws Exception {
        server.enqueue(response);
        return TestHttp.postForString(client, server, path, "{}");
    }

    @Test
    void openai_429_carries_retry_after_in_seconds() throws Exception {
        HttpResponse<String> response = answer(OpenAiErrors.rateLimitedRetryAfterSeconds(2), "/v1/chat/completions");

        assertEquals(429, response.statusCode());
        assertEquals(Optional.of("2"), response.headers().firstValue("retry-after"));
        assertFalse(response.headers().firstValue("retry-after-ms").isPresent());
        assertEquals("rate_limit_exceeded", Json.parse(response.body(), "b").at("/error/code").stringValue());
    }

    @Test
    void openai_429_can_carry_retry_after_ms_or_both() throws Exception {
        HttpResponse<String> millis = answer(OpenAiErrors.rateLimitedRetryAfterMillis(1500), "/v1/chat/completions");
        assertEquals(Optional.of("1500"), millis.headers().firstValue("retry-after-ms"));
        assertFalse(millis.headers().firstValue("retry-after").isPresent());

        HttpResponse<String> both = answer(OpenAiErrors.rateLimitedRetryAfter(Duration.ofMillis(1500)), "/v1/chat/completions");
        assertEquals(Optional.of("2"), both.headers().firstValue("retry-after"));
        assertEquals(Optional.of("1500"), both.headers().firstValue("retry-after-ms"));
    }

    @Test
    void openai_context_length_error_is_a_400_with_its_code() throws Exception {
        HttpResponse<String> response = answer(OpenAiErrors.contextLengthExceeded(), "/v1/chat/completions");

        assertEquals(400, response.statusCode());
        JsonNode error = Json.parse(response.body(), "b").path("error");
        assertEquals("context_length_exceeded", error.path("code").stringValue());
        assertEquals("invalid_request_error", error.path("type").stringValue());
        assertEquals("messages", error.path("param").stringValue());
    }

    @Test
    void openai_500_is_a_server_error() throws Exception {
        HttpResponse<String> response = answer(OpenAiErrors.serverError(), "/v1/chat/completions");
        assertEquals(500, response.statusCode());
        assertEquals("server_error", Json.parse(response.body(), "b").at("/error/type").stringValue());
    }

    @Test
    void anthropic_529_overloaded_has_anthropics_error_shape() throws Exception {
        HttpResponse<String> response = answer(AnthropicErrors.overloaded(), "/v1/messages");

        assertEquals(529, response.statusCode());
        JsonNode body = Json.parse(response.body(), "b");
        assertEquals("error", body.path("type").stringValue());
        assertEquals("overloaded_error", body.at("/error/type").stringValue());
        assertEquals("Overloaded", body.at("/error/message").stringValue());
    }

    @Test
    void anthropic_429_and_400_and_500() throws Exception {
        HttpResponse<String> limited = answer(AnthropicErrors.rateLimitedRetryAfterSeconds(3), "/v1/messages");
        assertEquals(429, limited.statusCode());
        assertEquals(Optional.of("3"), limited.headers().firstValue("retry-after"));
        assertEquals("rate_limit_error", Json.parse(limited.body(), "b").at("/error/type").stringValue());

        HttpResponse<String> tooLong = answer(AnthropicErrors.promptTooLong(), "/v1/messages");
        assertEquals(400, tooLong.statusCode());
        assertEquals("invalid_request_error", Json.parse(tooLong.body(), "b").at("/error/type").stringValue());

        assertEquals(500, answer(AnthropicErrors.serverError(), "/v1/messages").statusCode());
    }

    @Test
    void any_header_can_be_added_to_an_error() throws Exception {
        HttpResponse<String> response = answer(OpenAiErrors.serverError().withHeader("x-request-id", "req_1"), "/v1/chat/completions");
        assertEquals(Optional.of("req_1"), response.headers().firstValue("x-request-id"));
    }
}
