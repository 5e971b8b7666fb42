package dev.turnstile.conformance.provider;

import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * Error responses in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}.
 * Add or change headers with {@link Response#withHeader}.
 */
public final class OpenAiErrors {

    private OpenAiErrors() {}

    /** Any error: the given status and an error body with these fields ({@code code} may be null). */
    public static Response error(int status, String type, String code, String message) {
        return Responses.json(status, errorBody(type, code, message));
    }

    /** 429 rate limit with {@code retry-after: <seconds>}. */
    public static Response rateLimitedRetryAfterSeconds(int seconds) {
        return rateLimited().withHeader("retry-after", Integer.toString(seconds));
    }

    /** 429 rate limit with {@code retry-after-ms: <millis>} (OpenAI's finer-grained header). */
    public static Response rateLimitedRetryAfterMillis(long millis) {
        return rateLimited().withHeader("retry-after-ms", Long.toString(millis));
    }

    /** 429 rate limit with both headers: {@code retry-after} rounded up to whole seconds, and {@code retry-after-ms}. */
    public static Response rateLimitedRetryAfter(Duration delay) {
        long millis = delay.toMillis();
        return rateLimited().withHeader("retry-after", Long.toString((millis + 999) / 1000))
                .withHeader("retry-after-ms", Long.toString(millis));
    }

    /** 429 rate limit without any retry-after header. */
    public static Response rateLimited() {
        return error(429, "requests", "rate_limit_exceeded",
                "Rate limit reached for requests. Please try again later.");
    }

    /** 500 server error, as OpenAI sends it. */
    public static Response serverError() {
        return error(500, "server_error", null,
                "The server had an error while processing your request. Sorry about that!");
    }

    /** 400 with {@code code: context_length_exceeded}: the prompt does not fit the context window. */
    public static Response contextLengthExceeded() {
        ObjectNode body = errorBody("invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 128000 tokens. However, your messages resulted in "
                        + "130000 tokens. Please reduce the length of the messages.");
        ((ObjectNode) body.path("error")).put("param", "messages");
        return Responses.json(400, body);
    }

    /** 401 with an invalid API key error. */
    public static Response invalidApiKey() {
        return error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
    }

    /** The payload of an error sent inside a 200 stream: {@code {"error":{…,"type":"server_error"}}}. */
    public static ObjectNode streamErrorEvent(String message) {
        return errorBody("server_error", null, message);
    }

    private static ObjectNode errorBody(String type, String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type).putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return body;
    }
}
