package dev.turnstile.netty.http;

/**
 * Limits and timeouts of a {@link NettyHttpClient}. Start from {@link #DEFAULTS} and change fields
 * with the {@code with…} methods.
 *
 * @param connectTimeoutMillis TCP connect timeout
 * @param tlsHandshakeTimeoutMillis TLS handshake timeout
 * @param pooledIdleTimeoutMillis how long an unused pooled connection is kept open
 * @param maxConnectionsPerLoop connections per origin and event loop (so per origin in total, this
 *     times the loop count)
 * @param maxPendingAcquires requests waiting for a connection per origin and loop before new ones
 *     fail fast
 * @param acquireTimeoutMillis how long a request waits for a free pooled connection
 * @param maxResponseBytes the largest non-streamed body, and the largest single SSE event, accepted
 * @param maxErrorBodyBytes how much of an error response body is kept to classify it
 */
public record HttpClientSettings(
        long connectTimeoutMillis,
        long tlsHandshakeTimeoutMillis,
        long pooledIdleTimeoutMillis,
        int maxConnectionsPerLoop,
        int maxPendingAcquires,
        long acquireTimeoutMillis,
        int maxResponseBytes,
        int maxErrorBodyBytes) {

    /**
     * 10 s connect, 10 s TLS handshake, 60 s pooled idle, 16 connections and 256 waiting requests per
     * origin and loop, 30 s to get a connection, 32 MiB responses, 64 KiB of an error body.
     */
    public static final HttpClientSettings DEFAULTS = new HttpClientSettings(10_000, 10_000, 60_000, 16, 256,
            30_000, 32 * 1024 * 1024, 64 * 1024);

    /** Validates that every value is positive. */
    public HttpClientSettings {
        positive("connectTimeoutMillis", connectTimeoutMillis);
        positive("tlsHandshakeTimeoutMillis", tlsHandshakeTimeoutMillis);
        positive("pooledIdleTimeoutMillis", pooledIdleTimeoutMillis);
        positive("maxConnectionsPerLoop", maxConnectionsPerLoop);
        positive("maxPendingAcquires", maxPendingAcquires);
        positive("acquireTimeoutMillis", acquireTimeoutMillis);
        positive("maxResponseBytes", maxResponseBytes);
        positive("maxErrorBodyBytes", maxErrorBodyBytes);
        if (connectTimeoutMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeoutMillis is too large: " + connectTimeoutMillis);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** With another connect timeout. */
    public HttpClientSettings withConnectTimeoutMillis(long value) {
        return new HttpClientSettings(value, tlsHandshakeTimeoutMillis, pooledIdleTimeoutMillis,
                maxConnectionsPerLoop, maxPendingAcquires, acquireTimeoutMillis, maxResponseBytes, maxErrorBodyBytes);
    }

    /** With another pooled idle timeout. */
    public HttpClientSettings withPooledIdleTimeoutMillis(long value) {
        return new HttpClientSettings(connectTimeoutMillis, tlsHandshakeTimeoutMillis, value,
                maxConnectionsPerLoop, maxPendingAcquires, acquireTimeoutMillis, maxResponseBytes, maxErrorBodyBytes);
    }

    /** With another connection limit per origin and loop. */
    public HttpClientSettings withMaxConnectionsPerLoop(int value) {
        return new HttpClientSettings(connectTimeoutMillis, tlsHandshakeTimeoutMillis, pooledIdleTimeoutMillis, value, maxPendingAcquires, acquireTimeoutMillis, maxResponseBytes,
                maxErrorBodyBytes);
    }

    /** With another response size limit. */
    public HttpClientSettings withMaxResponseBytes(int value) {
        return new HttpClientSettings(connectTimeoutMillis, tlsHandshakeTimeoutMillis, pooledIdleTimeoutMillis, maxConnectionsPerLoop, maxPendingAcquires, acquireTimeoutMillis, value,
                maxErrorBodyBytes);
    }
}
