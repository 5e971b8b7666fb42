package dev.turnstile.wire;

import dev.turnstile.model.FailureKind;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Why a model call failed, classified for the machine's retry policy.
 *
 * @param kind how the machine should react (retry, wait, give up, compact)
 * @param retryAfterMillis how long the server asked us to wait, if it said
 * @param message a human-readable explanation, including the provider's own message when there is one
 *     (long bodies are cut to {@link HttpFailureRules#MAX_BODY_CHARS} characters)
 * @param providerCode the provider's error code or type ({@code insufficient_quota},
 *     {@code overloaded_error}…), if the body carried one
 */
public record ModelFailure(FailureKind kind, Option<Long> retryAfterMillis, String message, Option<String> providerCode) {
    /** Validates fields. */
    public ModelFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(retryAfterMillis, "retryAfterMillis");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(providerCode, "providerCode");
    }

    /** A failure with no retry hint and no provider code. */
    public static ModelFailure of(FailureKind kind, String message) {
        return new ModelFailure(kind, Option.none(), message, Option.none());
    }

    /**
     * A stream that stopped before its end marker ({@code [DONE]}, {@code message_stop}): the connection
     * was cut or the server gave up. Retrying usually works, so it is {@link FailureKind#RETRYABLE}.
     */
    public static ModelFailure truncatedStream(String endMarker) {
        return of(FailureKind.RETRYABLE, "stream ended before " + endMarker + " (truncated response)");
    }
}
