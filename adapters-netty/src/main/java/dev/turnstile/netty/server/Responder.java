package dev.turnstile.netty.server;

import dev.turnstile.host.Session;

/**
 * How request handling (on any thread) answers on its connection. Exactly one of the methods is
 * called once per request.
 */
interface Responder {

    /** Sends a complete response. */
    void send(ApiResponse response);

    /**
     * Turns the connection into an event stream of {@code session} from after {@code afterCursor};
     * {@code onStop} runs once when the stream ends.
     */
    void eventStream(Session session, long afterCursor, Runnable onStop);

    /**
     * Starts a chunked response and returns where to write its body. The sink's writes wait until
     * the previous chunk is written, so it must be used from a thread that may block.
     */
    ChunkSink chunked(String contentType);

    /** The body of a chunked response. */
    interface ChunkSink {
        /** Writes one chunk, waiting for the previous one to drain (bounded memory for any size). */
        void write(byte[] chunk) throws InterruptedException;

        /** Ends the response. */
        void end();

        /** Aborts the response: the connection is closed, so the client sees it incomplete. */
        void abort();
    }
}
