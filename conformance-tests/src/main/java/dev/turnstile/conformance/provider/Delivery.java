package dev.turnstile.conformance.provider;

/**
 * How the server delivers a {@link Response}: completely, or with a fault injected. Chunk counts
 * refer to the response's body chunks; {@code 0} means right after the status line and headers.
 */
public sealed interface Delivery {

    /** The normal case. */
    static Delivery complete() {
        return new Complete();
    }

    /** The number of body chunks written before the fault, or all of them for {@link Complete}. */
    default int chunksBeforeFault(int chunkCount) {
        return switch (this) {
            case Complete c -> chunkCount;
            case DisconnectAfterChunks d -> d.chunks();
            case TruncateAfterChunks t -> t.chunks();
            case HangAfterChunks h -> h.chunks();
            case DisconnectBeforeHeaders d -> 0;
            case HangBeforeHeaders h -> 0;
        };
    }

    /** Every chunk, then the end of the body; the connection stays open for the next request. */
    record Complete() implements Delivery {}

    /**
     * Headers and the first {@code chunks} chunks, then an abortive close (TCP RST): the client
     * sees a connection reset in the middle of the body.
     *
     * @param chunks body chunks written before the reset
     */
    record DisconnectAfterChunks(int chunks) implements Delivery {
        /** Rejects a negative count. */
        public DisconnectAfterChunks {
            requireNotNegative(chunks);
        }
    }

    /**
     * Headers and the first {@code chunks} chunks, then a normal close (TCP FIN) without the
     * terminating zero-size chunk (or short of the announced Content-Length): the body just stops.
     *
     * @param chunks body chunks written before the close
     */
    record TruncateAfterChunks(int chunks) implements Delivery {
        /** Rejects a negative count. */
        public TruncateAfterChunks {
            requireNotNegative(chunks);
        }
    }

    /**
     * Headers and the first {@code chunks} chunks, then nothing until the client goes away; the
     * server notices the client's close and records it as a {@link ClientDisconnect}.
     *
     * @param chunks body chunks written before hanging
     */
    record HangAfterChunks(int chunks) implements Delivery {
        /** Rejects a negative count. */
        public HangAfterChunks {
            requireNotNegative(chunks);
        }
    }

    /** An abortive close (TCP RST) before any response byte: the request fails with no status. */
    record DisconnectBeforeHeaders() implements Delivery {}

    /** No response byte at all until the client goes away, which is recorded. */
    record HangBeforeHeaders() implements Delivery {}

    private static void requireNotNegative(int chunks) {
        if (chunks < 0) {
            throw new IllegalArgumentException("chunk count must not be negative, got " + chunks);
        }
    }
}
