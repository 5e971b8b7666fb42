package dev.turnstile.wire;

import dev.turnstile.model.FailureKind;
import io.vavr.control.Option;

/**
 * Provider-independent parts of classifying a failed HTTP call; the provider error mappers add what
 * their error bodies say.
 *
 * <p>Precedence, most specific first: a body error code with a known meaning (insufficient quota,
 * context length) beats the server's {@code x-should-retry} header, which beats the status code.
 */
public final class HttpFailureRules {

    /** Longest piece of a response body quoted in a failure message. */
    public static final int MAX_BODY_CHARS = 500;

    private HttpFailureRules() {}

    /**
     * The verdict of the status code alone: 408 (request timeout), 409 (conflict, e.g. a concurrent
     * update on the provider's side), 5xx and Anthropic's 529 (overloaded) are {@link FailureKind#RETRYABLE};
     * 429 is {@link FailureKind#RATE_LIMITED}; every other status, including the 401/403/404 of a bad
     * key or model name, is {@link FailureKind#FATAL}. These are the statuses the providers' own SDKs retry.
     */
    public static FailureKind kindForStatus(int status) {
        if (status == 429) {
            return FailureKind.RATE_LIMITED;
        }
        if (status == 408 || status == 409 || status >= 500) {
            return FailureKind.RETRYABLE;
        }
        return FailureKind.FATAL;
    }

    /**
     * Applies the server's {@code x-should-retry} verdict to a status-based kind: {@code true} makes a
     * non-retried kind {@link FailureKind#RETRYABLE} (a 429 stays {@link FailureKind#RATE_LIMITED});
     * {@code false} makes a retried kind {@link FailureKind#FATAL}.
     */
    public static FailureKind applyShouldRetry(FailureKind kind, Option<Boolean> shouldRetry) {
        if (shouldRetry.isEmpty()) {
            return kind;
        }
        boolean retried = kind == FailureKind.RETRYABLE || kind == FailureKind.RATE_LIMITED;
        if (shouldRetry.get() && !retried) {
            return FailureKind.RETRYABLE;
        }
        if (!shouldRetry.get() && retried) {
            return FailureKind.FATAL;
        }
        return kind;
    }

    /** {@code text} cut to {@link #MAX_BODY_CHARS} characters, saying how much was left out. */
    public static String truncate(String text) {
        if (text.length() <= MAX_BODY_CHARS) {
            return text;
        }
        int end = MAX_BODY_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a surrogate pair in half
        }
        return text.substring(0, end) + "… (" + (text.length() - end) + " more chars)";
    }

    /** The message for a body that is not a provider error object (HTML from a proxy, plain text…). */
    public static String describeUnstructuredBody(int status, String body) {
        if (body.isBlank()) {
            return "HTTP " + status + " with an empty body";
        }
        return "HTTP " + status + ", body is not a JSON error object: " + truncate(body.strip());
    }
}
