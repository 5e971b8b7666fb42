package dev.turnstile.wire.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.Fixtures;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The OpenAI error mapping table: (status, headers, body) → (kind, retry-after, provider code). */
class OpenAiErrorMapperTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static String error(String type, String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":" + (type == null ? "null" : "\"" + type + "\"")
                + ",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    static Stream<Arguments> table() {
        String rateLimit = error("requests", "rate_limit_exceeded", "Rate limit reached for gpt-4o");
        String quota = error("insufficient_quota", "insufficient_quota", "You exceeded your current quota");
        return Stream.of(
                // status, headers, body, expected kind, expected retry-after millis, expected provider code
                Arguments.of(401, headers(), error("invalid_request_error", "invalid_api_key", "Incorrect API key provided"),
                        FailureKind.FATAL, null, "invalid_api_key"),
                Arguments.of(403, headers(), error("invalid_request_error", "unsupported_country_region_territory", "Country not supported"),
                        FailureKind.FATAL, null, "unsupported_country_region_territory"),
                Arguments.of(404, headers(), error("invalid_request_error", "model_not_found", "The model does not exist"),
                        FailureKind.FATAL, null, "model_not_found"),
                Arguments.of(408, headers(), error(null, null, "Request timed out"), FailureKind.RETRYABLE, null, null),
                Arguments.of(409, headers(), error(null, null, "Conflict"), FailureKind.RETRYABLE, null, null),
                Arguments.of(429, headers("retry-after", "20"), rateLimit, FailureKind.RATE_LIMITED, 20_000L, "rate_limit_exceeded"),
                Arguments.of(429, headers("Retry-After-Ms", "1500.2"), rateLimit, FailureKind.RATE_LIMITED, 1501L, "rate_limit_exceeded"),
                Arguments.of(429, headers("retry-after", "20", "retry-after-ms", "250"), rateLimit, FailureKind.RATE_LIMITED, 250L, "rate_limit_exceeded"),
                Arguments.of(429, headers("retry-after", "Thu, 01 Jan 2026 00:00:30 GMT"), rateLimit, FailureKind.RATE_LIMITED, 30_000L, "rate_limit_exceeded"),
                Arguments.of(429, headers("retry-after", "Wed, 31 Dec 2025 23:00:00 GMT"), rateLimit, FailureKind.RATE_LIMITED, 0L, "rate_limit_exceeded"),
                Arguments.of(429, headers("retry-after", "soon"), rateLimit, FailureKind.RATE_LIMITED, null, "rate_limit_exceeded"),
                Arguments.of(429, headers(), quota, FailureKind.FATAL, null, "insufficient_quota"),
                Arguments.of(429, headers(), error("insufficient_quota", null, "quota"), FailureKind.FATAL, null, "insufficient_quota"),
                Arguments.of(429, headers("x-should-retry", "true"), quota, FailureKind.FATAL, null, "insufficient_quota"),
                Arguments.of(429, headers("x-should-retry", "false"), rateLimit, FailureKind.FATAL, null, "rate_limit_exceeded"),
                Arguments.of(500, headers(), error("server_error", null, "The server had an error"), FailureKind.RETRYABLE, null, "server_error"),
                Arguments.of(502, headers(), "<html><body>Bad gateway</body></html>", FailureKind.RETRYABLE, null, null),
                Arguments.of(503, headers("retry-after", "5"), "", FailureKind.RETRYABLE, 5_000L, null),
                Arguments.of(500, headers("x-should-retry", "false"), error("server_error", null, "x"), FailureKind.FATAL, null, "server_error"),
                Arguments.of(400, headers("x-should-retry", "true"), error("invalid_request_error", null, "try again"), FailureKind.RETRYABLE, null, "invalid_request_error"),
                Arguments.of(400, headers(), error("invalid_request_error", "context_length_exceeded",
                        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens."),
                        FailureKind.CONTEXT_OVERFLOW, null, "context_length_exceeded"),
                // vLLM: fields at the top level, the status as a number in "code", no error code for overflow.
                Arguments.of(400, headers(), "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens. "
                        + "However, you requested 5000 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}",
                        FailureKind.CONTEXT_OVERFLOW, null, "BadRequestError"),
                // llama.cpp
                Arguments.of(400, headers(), "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, "
                        + "try increasing it\",\"type\":\"exceed_context_size_error\"}}", FailureKind.CONTEXT_OVERFLOW, null,
                        "exceed_context_size_error"),
                Arguments.of(400, headers(), error("invalid_request_error", "invalid_value", "Invalid value for temperature"),
                        FailureKind.FATAL, null, "invalid_value"),
                // Ollama
                Arguments.of(404, headers(), "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}", FailureKind.FATAL, null, null));
    }

    @ParameterizedTest(name = "[{index}] HTTP {0} {1} -> {3}")
    @MethodSource("table")
    void maps_status_headers_and_body(int status, Map<String, String> headers, String body, FailureKind kind, Long retryAfterMillis,
            String providerCode) {
        ModelFailure failure = OpenAiErrorMapper.fromHttp(status, HeaderLookup.of(headers), body, NOW);
        assertEquals(kind, failure.kind(), failure.message());
        assertEquals(Option.of(retryAfterMillis), failure.retryAfterMillis());
        assertEquals(Option.of(providerCode), failure.providerCode());
        assertTrue(failure.message().startsWith("HTTP " + status), failure.message());
    }

    @Test
    void the_recorded_o1_developer_role_400_is_fatal_with_its_message() {
        String body = Fixtures.text("fixtures/openai/test_openai_o1_mini_system_role-developer.0.response.json");
        ModelFailure failure = OpenAiErrorMapper.fromHttp(400, HeaderLookup.NONE, body, NOW);
        assertEquals(new ModelFailure(FailureKind.FATAL, Option.none(),
                "HTTP 400 invalid_request_error (unsupported_value): Unsupported value: 'messages[0].role' does not support "
                        + "'developer' with this model.", Option.some("unsupported_value")), failure);
    }

    @Test
    void a_non_json_body_is_quoted_and_cut_to_500_chars() {
        String body = "<html>" + "x".repeat(1000) + "</html>";
        ModelFailure failure = OpenAiErrorMapper.fromHttp(502, HeaderLookup.NONE, body, NOW);
        assertEquals("HTTP 502, body is not a JSON error object: " + body.substring(0, 500) + "… (513 more chars)", failure.message());
    }

    @Test
    void an_empty_body_says_so() {
        assertEquals("HTTP 503 with an empty body", OpenAiErrorMapper.fromHttp(503, HeaderLookup.NONE, "", NOW).message());
    }

    @Test
    void a_long_provider_message_is_cut_too() {
        ModelFailure failure = OpenAiErrorMapper.fromHttp(400, HeaderLookup.NONE, error("invalid_request_error", null, "y".repeat(600)), NOW);
        assertTrue(failure.message().endsWith("y… (100 more chars)"), failure.message());
    }
}
