package dev.turnstile.wire.anthropic;

import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.HttpFailureRules;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.RetryHints;
import dev.turnstile.wire.WireJson;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Classifies failed Anthropic calls into the machine's {@link FailureKind}: a pure function of the HTTP
 * status, the retry headers and the body {@code {"type":"error","error":{"type","message"},"request_id"}}.
 *
 * <p>Beyond the status rules of {@link HttpFailureRules}: an {@code invalid_request_error} whose message
 * says the prompt does not fit ("prompt is too long: 210000 tokens > 200000 maximum", "input length and
 * `max_tokens` exceed context limit") is {@link FailureKind#CONTEXT_OVERFLOW}; 529
 * {@code overloaded_error} is {@link FailureKind#RETRYABLE} like any 5xx.
 */
public final class AnthropicErrorMapper {
    /** Lower-case message fragments Anthropic uses when the prompt exceeds the context window. */
    private static final Vector<String> CONTEXT_OVERFLOW_PHRASES = Vector.of(
            "prompt is too long", "exceed context limit");

    private AnthropicErrorMapper() {}

    /**
     * Classifies a non-2xx response.
     *
     * @param status the HTTP status code
     * @param headers the response headers ({@code retry-after}, {@code x-should-retry})
     * @param body the response body as text, possibly empty or not JSON
     * @param now the adapter's clock reading when the response arrived, for an HTTP-date {@code retry-after}
     */
    public static ModelFailure fromHttp(int status, HeaderLookup headers, String body, Instant now) {
        RetryHints hints = RetryHints.from(headers, now);
        FailureKind byHeaders = HttpFailureRules.applyShouldRetry(HttpFailureRules.kindForStatus(status), hints.shouldRetry());
        Option<JsonNode> error = WireJson.parseObject(body).map(root -> root.get("error")).filter(e -> e != null && e.isObject());
        if (error.isEmpty()) {
            return new ModelFailure(byHeaders, hints.retryAfterMillis(),
                    HttpFailureRules.describeUnstructuredBody(status, body), Option.none());
        }
        ErrorFields fields = ErrorFields.of(error.get());
        FailureKind kind = fields.isContextOverflow() ? FailureKind.CONTEXT_OVERFLOW : byHeaders;
        return new ModelFailure(kind, hints.retryAfterMillis(), "HTTP " + status + " " + fields.describe(), fields.type());
    }

    /**
     * Classifies an {@code event: error} inside an HTTP 200 stream (or a 200 body of type {@code error}).
     * Anthropic sends these when it fails after the stream started, typically {@code overloaded_error}.
     * Without a status the type decides; an unknown type is {@link FailureKind#RETRYABLE}.
     *
     * @param error the {@code error} object of the event
     */
    public static ModelFailure fromEmbeddedError(JsonNode error) {
        ErrorFields fields = error.isObject() ? ErrorFields.of(error) : new ErrorFields(Option.none(), "");
        FailureKind kind = fields.isContextOverflow() ? FailureKind.CONTEXT_OVERFLOW : kindForType(fields.type().getOrElse(""));
        return new ModelFailure(kind, Option.none(), "error in an HTTP 200 response: " + fields.describe(), fields.type());
    }

    private static FailureKind kindForType(String type) {
        return switch (type) {
            case "rate_limit_error" -> FailureKind.RATE_LIMITED;
            case "invalid_request_error", "authentication_error", "permission_error", "not_found_error",
                    "billing_error", "request_too_large" -> FailureKind.FATAL;
            default -> FailureKind.RETRYABLE; // overloaded_error, api_error, timeout_error, and unknown types
        };
    }

    /** The parts of an Anthropic error object the classification reads. */
    private record ErrorFields(Option<String> type, String message) {
        static ErrorFields of(JsonNode error) {
            return new ErrorFields(WireJson.string(error, "type").filter(t -> !t.isEmpty()), WireJson.stringOrEmpty(error, "message"));
        }

        boolean isContextOverflow() {
            String lower = message.toLowerCase(Locale.ROOT);
            return type.contains("invalid_request_error") && CONTEXT_OVERFLOW_PHRASES.exists(lower::contains);
        }

        String describe() {
            return type.getOrElse("error") + ": " + (message.isEmpty() ? "(no message)" : HttpFailureRules.truncate(message));
        }
    }
}
