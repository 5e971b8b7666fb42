package dev.turnstile.blocking.http;

import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.ModelFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Classifies transport failures (no HTTP status to go by) for the machine's retry policy: anything the
 * network did is {@link FailureKind#RETRYABLE}; a request the client could not even build is
 * {@link FailureKind#FATAL}. Messages name what happened, never headers or keys.
 */
final class Failures {

    private Failures() {}

    /** The request could not be sent or its response headers did not arrive. */
    static ModelFailure ofSendError(Throwable error, ClientSettings settings, String provider) {
        Throwable e = unwrap(error);
        String where = settings.baseUri().getHost() + ":" + port(settings);
        return switch (e) {
            case CancellationException c -> ModelFailure.of(FailureKind.CANCELLED, "the call was cancelled");
            case HttpConnectTimeoutException t -> ModelFailure.of(FailureKind.RETRYABLE,
                    "could not connect to " + provider + " at " + where + " in time (connect timeout)");
            case HttpTimeoutException t -> ModelFailure.of(FailureKind.RETRYABLE, "no response headers from "
                    + provider + " within " + settings.idleTimeout().toMillis() + " ms (idle timeout)");
            case ConnectException c -> ModelFailure.of(FailureKind.RETRYABLE,
                    "could not connect to " + provider + " at " + where + ": " + describe(c));
            case IOException io -> ModelFailure.of(FailureKind.RETRYABLE,
                    "the request to " + provider + " failed: " + describe(io));
            case InterruptedException i -> ModelFailure.of(FailureKind.CANCELLED, "the call was interrupted");
            default -> ModelFailure.of(FailureKind.FATAL, "the request to " + provider + " failed: " + describe(e));
        };
    }

    /** The body broke off (reset, protocol error) after the headers. */
    static ModelFailure ofBodyError(Throwable error, String provider) {
        Throwable e = unwrap(error);
        return ModelFailure.of(FailureKind.RETRYABLE, "the response from " + provider + " broke off: " + describe(e));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static int port(ClientSettings settings) {
        int port = settings.baseUri().getPort();
        return port >= 0 ? port : "https".equalsIgnoreCase(settings.baseUri().getScheme()) ? 443 : 80;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
