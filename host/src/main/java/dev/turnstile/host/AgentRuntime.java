package dev.turnstile.host;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;

/**
 * A runtime that hosts sessions: the one interface both bundled adapters implement, so that user
 * code switches between the blocking and the Netty runtime by changing the line that builds it.
 */
public interface AgentRuntime extends AutoCloseable {

    /** Starts a new session; fails if the id exists in the store. */
    Session open(SessionOptions options);

    /**
     * Resumes a session from the store after a crash or on another process: latest valid
     * checkpoint, replay of the journal tail (verified), then a {@code Recovered} input.
     */
    Session resume(String sessionId);

    /** An open session of this runtime. */
    Option<Session> find(String sessionId);

    /** Ids of this runtime's open sessions, sorted. */
    Vector<String> openSessions();

    /** Ids of every session in the store, sorted. */
    Vector<String> storedSessions();

    /** Closes one session (see {@link Session#close()}). */
    CompletableFuture<Void> close(String sessionId);

    /** Closes every session, then the store. */
    @Override
    void close();
}
