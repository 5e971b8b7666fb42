package dev.turnstile.netty.server;

import java.util.Objects;

/**
 * Network settings and limits of a {@link SessionServer}. Start from {@link #DEFAULTS} and change
 * fields with the {@code with…} methods.
 *
 * @param bindHost the address to listen on; loopback by default, so exposing the server is a decision
 * @param port the port; 0 picks a free one (see {@link SessionServer#port()})
 * @param maxBodyBytes the largest request body; larger requests get 413
 * @param maxHeaderBytes the largest request header block; larger requests get 431
 * @param maxRequestLineBytes the longest request line; longer requests get 414
 * @param maxEventStreamsPerTenant open {@code /events} streams per tenant; more get 429
 * @param heartbeatIntervalMillis how often an idle event stream gets an SSE comment, so proxies and
 *     clients see it is alive
 * @param slowConsumerGraceMillis how long an event stream may stay unwritable (its send buffer full
 *     because the client does not read) before it is disconnected
 * @param writeBufferHighWaterBytes bytes queued on a connection before it counts as unwritable; an
 *     event stream stops pulling observations there, so a slow client costs at most this much memory
 * @param requestTimeoutMillis how long an API call may wait for the session (a journal append)
 */
public record ServerSettings(
        String bindHost,
        int port,
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxRequestLineBytes,
        int maxEventStreamsPerTenant,
        long heartbeatIntervalMillis,
        long slowConsumerGraceMillis,
        int writeBufferHighWaterBytes,
        long requestTimeoutMillis) {

    /**
     * 127.0.0.1:8080, 1 MiB bodies, 16 KiB headers, 8 KiB request lines, 16 streams per tenant, 15 s
     * heartbeats, 30 s slow-consumer grace, 256 KiB write buffer, 30 s request timeout.
     */
    public static final ServerSettings DEFAULTS = new ServerSettings("127.0.0.1", 8080, 1024 * 1024, 16 * 1024,
            8 * 1024, 16, 15_000, 30_000, 256 * 1024, 30_000);

    /** Validates fields. */
    public ServerSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxRequestLineBytes", maxRequestLineBytes);
        positive("maxEventStreamsPerTenant", maxEventStreamsPerTenant);
        positive("heartbeatIntervalMillis", heartbeatIntervalMillis);
        positive("slowConsumerGraceMillis", slowConsumerGraceMillis);
        positive("writeBufferHighWaterBytes", writeBufferHighWaterBytes);
        positive("requestTimeoutMillis", requestTimeoutMillis);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** With another bind address. */
    public ServerSettings withBindHost(String value) {
        return new ServerSettings(value, port, maxBodyBytes, maxHeaderBytes, maxRequestLineBytes,
                maxEventStreamsPerTenant, heartbeatIntervalMillis, slowConsumerGraceMillis, writeBufferHighWaterBytes,
                requestTimeoutMillis);
    }

    /** With another port (0 for a free one). */
    public ServerSettings withPort(int value) {
        return new ServerSettings(bindHost, value, maxBodyBytes, maxHeaderBytes, maxRequestLineBytes,
                maxEventStreamsPerTenant, heartbeatIntervalMillis, slowConsumerGraceMillis, writeBufferHighWaterBytes,
                requestTimeoutMillis);
    }

    /** With another body limit. */
    public ServerSettings withMaxBodyBytes(int value) {
        return new ServerSettings(bindHost, port, value, maxHeaderBytes, maxRequestLineBytes,
                maxEventStreamsPerTenant, heartbeatIntervalMillis, slowConsumerGraceMillis, writeBufferHighWaterBytes,
                requestTimeoutMillis);
    }

    /** With another per-tenant event stream limit. */
    public ServerSettings withMaxEventStreamsPerTenant(int value) {
        return new ServerSettings(bindHost, port, maxBodyBytes, maxHeaderBytes, maxRequestLineBytes, value,
                heartbeatIntervalMillis, slowConsumerGraceMillis, writeBufferHighWaterBytes, requestTimeoutMillis);
    }

    /** With another heartbeat interval. */
    public ServerSettings withHeartbeatIntervalMillis(long value) {
        return new ServerSettings(bindHost, port, maxBodyBytes, maxHeaderBytes, maxRequestLineBytes,
                maxEventStreamsPerTenant, value, slowConsumerGraceMillis, writeBufferHighWaterBytes,
                requestTimeoutMillis);
    }

    /** With another slow-consumer grace period and write buffer bound. */
    public ServerSettings withSlowConsumer(long graceMillis, int highWaterBytes) {
        return new ServerSettings(bindHost, port, maxBodyBytes, maxHeaderBytes, maxRequestLineBytes,
                maxEventStreamsPerTenant, heartbeatIntervalMillis, graceMillis, highWaterBytes, requestTimeoutMillis);
    }
}
