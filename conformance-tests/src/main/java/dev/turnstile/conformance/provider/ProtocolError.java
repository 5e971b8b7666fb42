package dev.turnstile.conformance.provider;

/**
 * A request the server could not read as valid HTTP (or that broke a {@link ServerLimits} limit).
 * It was answered with {@code status} and a JSON error, and its connection was closed.
 *
 * @param connectionId the connection it came on
 * @param status       the status answered: 400, 413, 414, 417, 431, 501 or 505
 * @param message      what was wrong
 */
public record ProtocolError(long connectionId, int status, String message) {}
