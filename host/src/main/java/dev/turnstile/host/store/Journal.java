package dev.turnstile.host.store;

import java.util.List;

/**
 * The durable, append-only log of one session's inputs: the source of truth for recovery and
 * replay (DESIGN §3). Store-level and byte-level: it persists opaque JSON objects that the session
 * driver's codec produced and knows nothing about the machine's types.
 *
 * <p>Typical use by a session driver:
 *
 * <pre>{@code
 * try (FileJournal journal = FileJournal.open(storeDirectory)) {
 *   try (JournalWriter writer = journal.create("chat-42", "{\"seed\":7}")) {
 *     long sequence = writer.append(inputJson);  // durable when it returns
 *     // ... only now step the machine with the input
 *   }
 *   JournalContents contents = journal.read("chat-42");   // for recovery or replay
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. Every session has at most one open {@link JournalWriter}
 * per journal, so two writers can never interleave lines. Sessions are named by ids made of
 * 1 to 128 characters from {@code [A-Za-z0-9._-]}, not starting with {@code '.'}; any other id
 * is rejected with an {@link IllegalArgumentException} before anything touches storage. JSON
 * handed in must be exactly one JSON object; raw line breaks in it (which valid JSON can hold only
 * as insignificant whitespace) are stored as spaces, and surrounding whitespace is dropped, so
 * compact JSON is returned byte for byte. After {@link #close()} every method except {@link
 * #stats()} and {@code close}, and every writer's {@code append}, throws {@link
 * IllegalStateException}.
 */
public interface Journal extends AutoCloseable {

    /**
     * Creates a new session whose journal starts with {@code headerJson} (opaque to the store, e.g.
     * session id, seed, configuration, identity labels) stamped with the store's schema version.
     * Creation is durable and atomic: after a crash the session either exists with its whole header
     * or not at all.
     *
     * @param sessionId a valid session id
     * @param headerJson one JSON object
     * @return the session's writer, positioned before sequence number 1; close it when done
     * @throws SessionExistsException if a live (not archived) session with this id exists
     * @throws IllegalArgumentException if the id is invalid or {@code headerJson} is not one JSON
     *     object
     */
    JournalWriter create(String sessionId, String headerJson);

    /**
     * Opens an existing session for appending after validating its journal. A torn last line (an
     * append interrupted by a crash) is removed and logged; the writer continues after the last
     * valid sequence number.
     *
     * @param sessionId a valid session id
     * @return the session's writer; close it when done
     * @throws SessionNotFoundException if there is no live session with this id
     * @throws IllegalStateException if a writer for this session is already open
     * @throws JournalCorruptException if a line before the last is damaged
     * @throws UnsupportedSchemaVersionException if the journal was written by a newer schema
     */
    JournalWriter openForAppend(String sessionId);

    /**
     * Reads a session's header and entries in sequence order. Never modifies storage: a torn last
     * line is left out (and logged) but only removed by {@link #openForAppend}. While a writer is
     * open, the result holds every entry whose {@code append} has written it, durable or not yet.
     *
     * @param sessionId a valid session id
     * @return the header and all entries
     * @throws SessionNotFoundException if there is no live session with this id
     * @throws JournalCorruptException if a line before the last is damaged
     * @throws UnsupportedSchemaVersionException if the journal was written by a newer schema
     */
    JournalContents read(String sessionId);

    /**
     * Lists the live (created, not archived or deleted) sessions.
     *
     * @return session ids in ascending {@link String#compareTo} order
     */
    List<String> sessions();

    /**
     * Retires a session: moves its journal together with its checkpoints out of the live set into
     * the store's archive, in one atomic step. An archived session is no longer listed, readable or
     * writable through this journal; its id may be used again.
     *
     * @param sessionId a valid session id
     * @throws SessionNotFoundException if there is no live session with this id
     * @throws IllegalStateException if the session has an open writer
     * @throws StoreException if the archive already holds a session with this id
     */
    void archive(String sessionId);

    /**
     * Removes a session's journal and checkpoints for good.
     *
     * @param sessionId a valid session id
     * @throws SessionNotFoundException if there is no live session with this id
     * @throws IllegalStateException if the session has an open writer
     */
    void delete(String sessionId);

    /**
     * Counters for monitoring and for checking that group commit shares its syncs.
     *
     * @return a snapshot of this journal's counters since it was opened; also after close
     */
    JournalStats stats();

    /**
     * Waits for in-flight appends, makes everything written durable, closes every open writer and
     * releases the storage. Appenders blocked waiting for a sync are released normally. Idempotent.
     */
    @Override
    void close();
}
