package dev.turnstile.host.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A journal in memory, for tests and benchmarks. It accepts, rejects and returns exactly what
 * {@link FileJournal} does for the same calls (both run the same contract tests), but nothing
 * survives {@link #close()} or the JVM, and there is nothing to sync, tear or corrupt.
 */
public final class InMemoryJournal implements Journal {

    /** One session's data; checkpoints live with it so archive and delete take them along. */
    static final class Session {
        final String headerJson;
        final List<JournalEntry> entries = new ArrayList<>();
        final TreeMap<Long, String> checkpoints = new TreeMap<>();

        Session(String headerJson) {
            this.headerJson = headerJson;
        }
    }

    // One lock for everything: simple, and fast enough for what this class is for.
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, Session> live = new TreeMap<>();
    private final TreeMap<String, Session> archived = new TreeMap<>();
    private final Map<String, Writer> openWriters = new HashMap<>();
    private final InMemoryCheckpointStore checkpoints;
    private long appends;
    private boolean closed;

    /** Creates an empty journal whose checkpoint store keeps 3 checkpoints per session. */
    public InMemoryJournal() {
        this(FileJournalOptions.defaults().checkpointsToKeep());
    }

    /**
     * Creates an empty journal.
     *
     * @param checkpointsToKeep how many checkpoints per session survive pruning, at least 1
     */
    public InMemoryJournal(int checkpointsToKeep) {
        if (checkpointsToKeep < 1) {
            throw new IllegalArgumentException(
                    "checkpointsToKeep must be >= 1, was " + checkpointsToKeep);
        }
        this.checkpoints = new InMemoryCheckpointStore(this, checkpointsToKeep);
    }

    /**
     * The checkpoint store of this journal's sessions; its checkpoints are archived and deleted
     * together with the sessions.
     *
     * @return the checkpoint store, usable until this journal is closed
     */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public JournalWriter create(String sessionId, String headerJson) {
        String id = SessionIds.requireValid(sessionId);
        String header = JsonText.requireObject(headerJson, "header JSON");
        return locked(() -> {
            if (live.containsKey(id)) {
                throw new SessionExistsException(id);
            }
            Session session = new Session(header);
            live.put(id, session);
            return register(id, session);
        });
    }

    @Override
    public JournalWriter openForAppend(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        return locked(() -> {
            if (openWriters.containsKey(id)) {
                throw new IllegalStateException(
                        "session \"" + id + "\" already has an open writer; close it first");
            }
            return register(id, liveSession(id));
        });
    }

    @Override
    public JournalContents read(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        return withLiveSession(id, session -> new JournalContents(id, session.headerJson,
                session.entries));
    }

    @Override
    public List<String> sessions() {
        return locked(() -> List.copyOf(live.keySet()));
    }

    @Override
    public void archive(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        locked(() -> {
            Session session = removable(id);
            if (archived.containsKey(id)) {
                throw new StoreException("cannot archive session \"" + id
                        + "\": the archive already holds a session with that id");
            }
            archived.put(id, live.remove(id));
            return session;
        });
    }

    @Override
    public void delete(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        locked(() -> {
            removable(id);
            return live.remove(id);
        });
    }

    @Override
    public JournalStats stats() {
        lock.lock();
        try {
            return new JournalStats(appends, 0, 0, 0);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            openWriters.values().forEach(writer -> writer.closed = true);
            openWriters.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Runs an action on a live session under the journal's lock. */
    <T> T withLiveSession(String id, Function<Session, T> action) {
        return locked(() -> action.apply(liveSession(id)));
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the in-memory journal is closed");
            }
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private Session liveSession(String id) {
        Session session = live.get(id);
        if (session == null) {
            throw new SessionNotFoundException(id);
        }
        return session;
    }

    private Session removable(String id) {
        Session session = liveSession(id);
        if (openWriters.containsKey(id)) {
            throw new IllegalStateException(
                    "session \"" + id + "\" has an open writer; close it before archiving or deleting");
        }
        return session;
    }

    private Writer register(String id, Session session) {
        Writer writer = new Writer(id, session);
        openWriters.put(id, writer);
        return writer;
    }

    /** Appends straight into the session's list; there is nothing to make durable. */
    private final class Writer implements JournalWriter {
        private final String sessionId;
        private final Session session;
        private boolean closed;

        Writer(String sessionId, Session session) {
            this.sessionId = sessionId;
            this.session = session;
        }

        @Override
        public long append(String entryJson) {
            String entry = JsonText.requireObject(entryJson, "entry JSON");
            return locked(() -> {
                if (closed) {
                    throw new IllegalStateException("the writer for session \"" + sessionId + "\" is closed");
                }
                long sequence = session.entries.size() + 1L;
                session.entries.add(new JournalEntry(sequence, entry));
                appends++;
                return sequence;
            });
        }

        @Override
        public long lastSequence() {
            lock.lock();
            try {
                return session.entries.size();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String sessionId() {
            return sessionId;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
                openWriters.remove(sessionId, this);
            } finally {
                lock.unlock();
            }
        }
    }
}
