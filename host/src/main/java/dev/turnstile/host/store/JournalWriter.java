package dev.turnstile.host.store;

/**
 * Appends entries to one session's journal. Obtained from {@link Journal#create} or {@link
 * Journal#openForAppend}; at most one is open per session. Thread-safe, although a session driver
 * appends from one thread at a time.
 */
public interface JournalWriter extends AutoCloseable {

    /**
     * Appends one entry and returns once it is durable as the journal's durability mode defines
     * (see {@link Durability}). The write-ahead rule depends on this: step the machine with the
     * input only after this method returns. If it throws, the entry's durability is unknown; after
     * an I/O failure the writer refuses further appends, and the session must be reopened with
     * {@link Journal#openForAppend}, which repairs the tail.
     *
     * @param entryJson one JSON object, opaque to the store (the encoded input and a digest of the
     *     step's effects)
     * @return the entry's sequence number: 1 for the first entry of a session, then consecutive
     * @throws IllegalArgumentException if {@code entryJson} is not one JSON object
     * @throws IllegalStateException if this writer or its journal is closed, or an earlier append
     *     failed
     * @throws java.io.UncheckedIOException if writing or syncing failed
     */
    long append(String entryJson);

    /**
     * The sequence number of the last entry this writer appended or found on opening.
     *
     * @return the last sequence number, 0 if the session has no entries
     */
    long lastSequence();

    /**
     * The session this writer appends to.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * Makes everything appended durable and releases the file. Idempotent; later appends throw
     * {@link IllegalStateException}. The session can then be opened again.
     */
    @Override
    void close();
}
