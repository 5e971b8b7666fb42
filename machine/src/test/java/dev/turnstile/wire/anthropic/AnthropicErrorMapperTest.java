package dev.turnstile.wire.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Anthropic error mapping table: (status, headers, body) → (kind, retry-after, provider code). */
class AnthropicErrorMapperTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},\"request_id\":\"req_011\"}";
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // status, headers, body, expected kind, expected retry-after millis, expected provider code
                Arguments.of(400, headers(), error("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
                        FailureKind.CONTEXT_OVERFLOW, null, "invalid_request_error"),
                Arguments.of(400, headers(), error("invalid_request_error",
                        "input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length or `max_tokens` and try again"),
                        FailureKind.CONTEXT_OVERFLOW, null, "invalid_request_error"),
                Arguments.of(400, headers(), error("invalid_request_error", "messages: text content blocks must be non-empty"),
                        FailureKind.FATAL, null, "invalid_request_error"),
                Arguments.of(400, headers(), error("invalid_request_error", "Your credit balance is too low to access the Anthropic API."),
                        FailureKind.FATAL, null, "invalid_request_error"),
                Arguments.of(401, headers(), error("authentication_error", "invalid x-api-key"), FailureKind.FATAL, null, "authentication_error"),
                Arguments.of(403, headers(), error("permission_error", "Your API key does not have permission"), FailureKind.FATAL, null, "permission_error"),
                Arguments.of(404, headers(), error("not_found_error", "model: claude-9"), FailureKind.FATAL, null, "not_found_error"),
                Arguments.of(413, headers(), error("request_too_large", "Request exceeds the maximum allowed number of bytes"),
                        FailureKind.FATAL, null, "request_too_large"),
                Arguments.of(429, headers("retry-after", "30"), error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
                        FailureKind.RATE_LIMITED, 30_000L, "rate_limit_error"),
                Arguments.of(429, headers("retry-after", "30", "x-should-retry", "false"), error("rate_limit_error", "limit"),
                        FailureKind.FATAL, 30_000L, "rate_limit_error"),
                Arguments.of(500, headers(), error("api_error", "Internal server error"), FailureKind.RETRYABLE, null, "api_error"),
                Arguments.of(529, headers(), error("overloaded_error", "Overloaded"), FailureKind.RETRYABLE, null, "overloaded_error"),
                Arguments.of(529, headers("x-should-retry", "false"), error("overloaded_error", "Overloaded"), FailureKind.FATAL, null, "overloaded_error"),
                Arguments.of(409, headers("x-should-retry", "true"), error("invalid_request_error", "conflict"), FailureKind.RETRYABLE, null, "invalid_request_error"),
                Arguments.of(400, headers("x-should-retry", "true"), error("invalid_request_error", "try again"), FailureKind.RETRYABLE, null, "invalid_request_error"),
                Arguments.of(504, headers("Retry-After", "Thu, 01 Jan 2026 00:01:00 GMT"), "<html><h1>504 Gateway Time-out</h1></html>",
                        FailureKind.RETRYABLE, 60_000L, null));
    }

    @ParameterizedTest(name = "[{index}] HTTP {0} {1} -> {3}")
    @MethodSource("table")
    void maps_status_headers_and_body(int status, Map<String, String> headers, String body, FailureKind kind, Long retryAfterMillis,
            String providerCode) {
        ModelFailure failure = AnthropicErrorMapper.fromHttp(status, HeaderLookup.of(headers), body, NOW);
        assertEquals(kind, failure.kind(), failure.message());
        assertEquals(Option.of(retryAfterMillis), failure.retryAfterMillis());
        assertEquals(Option.of(providerCode), failure.providerCode());
    }

    @Test
    void the_message_names_status_type_and_provider_message() {
        assertEquals("HTTP 529 overloaded_error: Overloaded",
                AnthropicErrorMapper.fromHttp(529, HeaderLookup.NONE, error("overloaded_error", "Overloaded"), NOW).message());
    }

    @Test
    void a_json_body_without_an_error_object_is_described_as_unstructured() {
        assertEquals("HTTP 502, body is not a JSON error object: {\"status\":\"bad gateway\"}",
                AnthropicErrorMapper.fromHttp(502, HeaderLookup.NONE, "{\"status\":\"bad gateway\"}", NOW).message());
    }
}
