package dev.turnstile.host.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store's directory layout, its process lock and its locking discipline, shared by the file
 * journal and the file checkpoint store.
 *
 * <pre>
 * store.lock                       held (OS file lock) while a FileJournal has the store open
 * sessions/&lt;id&gt;/journal.jsonl        the live session's journal
 * sessions/&lt;id&gt;/checkpoint-&lt;19-digit sequence&gt;.json
 * archive/&lt;id&gt;/…                   archived sessions, moved there whole
 * tmp/…                             sessions being created or deleted; emptied on open
 * </pre>
 *
 * <p>One directory per session lets creation, archiving and deletion each be a single atomic
 * rename of the session's directory, so a crash never leaves a session half created or half
 * archived. Operations on one session id are serialized by a lock stripe; different sessions
 * proceed in parallel. All operations hold the read side of a lifecycle lock whose write side
 * {@link #closeOnce()} takes, so nothing is midway when the store closes. The directory is
 * POSIX-oriented: syncing a directory relies on opening it as a file, as Linux and macOS allow.
 */
final class StoreDirectory {

    static final String JOURNAL_FILE = "journal.jsonl";

    private static final int STRIPES = 64;

    private final Path root;
    private final Path sessions;
    private final Path archive;
    private final Path tmp;
    private final FileChannel lockChannel;
    private final FileLock processLock;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final LongAdder directorySyncs = new LongAdder();
    private boolean closed;

    /** An action on the store that may fail with an {@link IOException}. */
    interface IoAction<T> {
        T run() throws IOException;
    }

    private StoreDirectory(Path root, FileChannel lockChannel, FileLock processLock) {
        this.root = root;
        this.sessions = root.resolve("sessions");
        this.archive = root.resolve("archive");
        this.tmp = root.resolve("tmp");
        this.lockChannel = lockChannel;
        this.processLock = processLock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Opens (creating if needed) a store directory and takes its process lock. */
    static StoreDirectory open(Path root) throws IOException {
        Files.createDirectories(root);
        FileChannel lockChannel = FileChannel.open(root.resolve("store.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock processLock;
        try {
            processLock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            processLock = null;
        }
        if (processLock == null) {
            lockChannel.close();
            throw new StoreException("store directory " + root
                    + " is already open, in this or another process; two writers would corrupt journals");
        }
        StoreDirectory directory = new StoreDirectory(root, lockChannel, processLock);
        try {
            directory.prepare();
        } catch (IOException | RuntimeException e) {
            directory.releaseProcessLock();
            throw e;
        }
        return directory;
    }

    private void prepare() throws IOException {
        boolean created = false;
        for (Path folder : new Path[] {sessions, archive, tmp}) {
            if (!Files.isDirectory(folder)) {
                Files.createDirectory(folder);
                created = true;
            }
        }
        if (created) {
            syncDirectory(root);
        }
        // Leftovers of a creation or deletion that a crash interrupted; the process lock guarantees
        // nobody else is using them.
        try (var leftovers = Files.list(tmp)) {
            for (Path leftover : leftovers.toList()) {
                deleteTree(leftover);
            }
        }
    }

    Path root() {
        return root;
    }

    Path sessionsFolder() {
        return sessions;
    }

    Path sessionDirectory(String sessionId) {
        return sessions.resolve(sessionId);
    }

    Path journalFile(String sessionId) {
        return sessionDirectory(sessionId).resolve(JOURNAL_FILE);
    }

    Path archivedDirectory(String sessionId) {
        return archive.resolve(sessionId);
    }

    /** A scratch path for work on one session; unique per session id and purpose. */
    Path scratch(String sessionId, String purpose) {
        return tmp.resolve(sessionId + "." + purpose);
    }

    long directorySyncs() {
        return directorySyncs.sum();
    }

    /** Runs an action on one session while the store is open, serialized with others on it. */
    <T> T withSession(String sessionId, IoAction<T> action) {
        ReentrantLock stripe = stripes[Math.floorMod(sessionId.hashCode(), STRIPES)];
        return withStore(() -> {
            stripe.lock();
            try {
                return action.run();
            } finally {
                stripe.unlock();
            }
        });
    }

    /** Runs an action while the store is open. */
    <T> T withStore(IoAction<T> action) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the journal at " + root + " is closed");
            }
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("I/O failure in store " + root + ": " + e, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Marks the store closed once no operation is running; false if it already was. */
    boolean closeOnce() {
        lifecycle.writeLock().lock();
        try {
            boolean wasOpen = !closed;
            closed = true;
            return wasOpen;
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    void releaseProcessLock() throws IOException {
        try {
            processLock.release();
        } finally {
            lockChannel.close();
        }
    }

    /**
     * Makes the creation, rename or removal of entries in {@code directory} durable; without it a
     * crash can forget a file even though its contents were synced.
     */
    void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        directorySyncs.increment();
    }

    /** Renames atomically and makes the rename durable in both parent directories. */
    void moveDurably(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            syncDirectory(from.getParent());
        }
    }

    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure)
                    throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
