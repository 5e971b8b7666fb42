package dev.turnstile.host.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends to one session's journal file.
 *
 * <p>Lines are written through {@link RandomAccessFile#write}, not a {@code FileChannel}: an
 * interrupt that reaches a thread inside a channel write closes the channel for every user, and
 * session drivers on virtual threads do get interrupted when cancelled. Syncs go through the
 * channel from the committer thread, which is never interrupted.
 */
final class FileJournalWriter implements JournalWriter, GroupCommitter.SyncTarget {

    private final FileJournal journal;
    private final GroupCommitter committer;
    private final String sessionId;
    private final Path path;
    private final RandomAccessFile file;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastSequence;
    private volatile long endOffset;
    private volatile IOException failure;
    private boolean closed;
    private boolean released;

    FileJournalWriter(FileJournal journal, GroupCommitter committer, String sessionId, Path path,
            RandomAccessFile file, long lastSequence, long endOffset) {
        this.journal = journal;
        this.committer = committer;
        this.sessionId = sessionId;
        this.path = path;
        this.file = file;
        this.lastSequence = lastSequence;
        this.endOffset = endOffset;
    }

    @Override
    public long append(String entryJson) {
        String entry = JsonText.requireObject(entryJson, "entry JSON");
        committer.enter();
        boolean enlisted = false;
        long sequence;
        GroupCommitter.Batch batch;
        try {
            lock.lock();
            try {
                requireWritable();
                sequence = lastSequence + 1;
                write(LineFormat.entryLine(sequence, entry));
                lastSequence = sequence;
                // Enlisting under the lock keeps batches in file order, so a later line's sync never
                // completes before an earlier line's.
                batch = committer.enlist(this);
                enlisted = true;
            } finally {
                lock.unlock();
            }
        } finally {
            if (!enlisted) {
                committer.leave();
            }
        }
        committer.awaitDurable(batch, this);
        journal.countAppend();
        return sequence;
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    /** The file offset after the last written line; a consistent limit for concurrent reads. */
    long endOffset() {
        return endOffset;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        try {
            try {
                if (committer.tryEnter()) {
                    // Waiting for this batch also waits for every earlier one, so no sync of this file is
                    // still running when it is closed.
                    GroupCommitter.Batch batch = committer.enlist(this);
                    committer.awaitDurable(batch, this);
                } else {
                    // The journal is closing: wait until it has drained everything in flight.
                    committer.close();
                }
            } finally {
                release();
            }
        } finally {
            journal.writerClosed(this);
        }
    }

    @Override
    public void sync() throws IOException {
        file.getChannel().force(false);
    }

    @Override
    public void syncFailed(IOException syncFailure) {
        failure = syncFailure;
    }

    /**
     * Closes the file, syncing it first unless syncs already happened per append. Idempotent;
     * called by {@link #close()} and by the journal's close, once no append is in flight.
     */
    void release() {
        lock.lock();
        try {
            if (released) {
                return;
            }
            released = true;
            closed = true;
            try (file) {
                if (!committer.syncsAppends() && failure == null) {
                    file.getFD().sync();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": syncing on close failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private void requireWritable() {
        if (closed) {
            throw new IllegalStateException("the writer for session \"" + sessionId + "\" is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("the writer for session \"" + sessionId
                    + "\" failed earlier (" + failure + "); reopen the session with openForAppend,"
                    + " which repairs the end of its journal");
        }
    }

    private void write(byte[] line) {
        try {
            file.seek(endOffset);
            file.write(line);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException(path + ": append of line " + (lastSequence + 2)
                    + " failed; reopen the session to repair the journal's end", e);
        }
        endOffset += line.length;
    }
}
