package dev.turnstile.conformance.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * Error responses in Anthropic's shape:
 * {@code {"type":"error","error":{"type","message"},"request_id"}}.
 * Add or change headers with {@link Response#withHeader}.
 */
public final class AnthropicErrors {

    private AnthropicErrors() {}

    /** Any error: the given status and an error body of the given error type. */
    public static Response error(int status, String errorType, String message) {
        ObjectNode body = streamErrorEvent(errorType, message);
        body.put("request_id", "req_fake");
        return Responses.json(status, body);
    }

    /** 529 {@code overloaded_error}, Anthropic's "try again later". */
    public static Response overloaded() {
        return error(529, "overloaded_error", "Overloaded");
    }

    /** 429 {@code rate_limit_error} with {@code retry-after: <seconds>}. */
    public static Response rateLimitedRetryAfterSeconds(int seconds) {
        return rateLimited().withHeader("retry-after", Integer.toString(seconds));
    }

    /** 429 {@code rate_limit_error} without a retry-after header. */
    public static Response rateLimited() {
        return error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit.");
    }

    /** 500 {@code api_error}. */
    public static Response serverError() {
        return error(500, "api_error", "Internal server error");
    }

    /** 400 {@code invalid_request_error}: the prompt is longer than the context window. */
    public static Response promptTooLong() {
        return error(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum");
    }

    /** 401 {@code authentication_error}. */
    public static Response invalidApiKey() {
        return error(401, "authentication_error", "invalid x-api-key");
    }

    /**
     * The payload of an {@code event: error} inside a 200 stream:
     * {@code {"type":"error","error":{"type":<errorType>,"message":<message>}}}.
     */
    public static ObjectNode streamErrorEvent(String errorType, String message) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", errorType).put("message", message);
        return body;
    }
}
