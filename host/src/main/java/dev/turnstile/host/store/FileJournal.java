package dev.turnstile.host.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded journal: one append-only JSON Lines file per session under a store directory,
 * each line protected by a CRC32C, synced with group commit. The package documentation specifies
 * the directory layout and the line format.
 *
 * <pre>{@code
 * try (FileJournal journal = FileJournal.open(Path.of("var/turnstile"))) {
 *   CheckpointStore checkpoints = journal.checkpoints();
 *   ...
 * }
 * }</pre>
 *
 * <p>A store directory is used by one {@code FileJournal} at a time, enforced with an operating
 * system file lock, so that two processes can never append to the same file.
 */
public final class FileJournal implements Journal {

    private static final System.Logger LOG = System.getLogger(FileJournal.class.getName());

    private final StoreDirectory directory;
    private final GroupCommitter committer;
    private final FileCheckpointStore checkpoints;
    private final ConcurrentHashMap<String, FileJournalWriter> openWriters =
            new ConcurrentHashMap<>();
    private final LongAdder appends = new LongAdder();

    private FileJournal(StoreDirectory directory, FileJournalOptions options) {
        this.directory = directory;
        this.committer = new GroupCommitter(directory.root().toString(),
                options.durability() == Durability.FSYNC_GROUP_COMMIT, options.groupCommitMaxWait());
        this.checkpoints = new FileCheckpointStore(directory, options.checkpointsToKeep());
    }

    /**
     * Opens a store directory with {@link FileJournalOptions#defaults()}, creating it if needed.
     *
     * @param directory the store directory
     * @return the open journal; close it to release the directory
     * @throws StoreException if another journal has the directory open
     * @throws UncheckedIOException if the directory cannot be prepared
     */
    public static FileJournal open(Path directory) {
        return open(directory, FileJournalOptions.defaults());
    }

    /**
     * Opens a store directory, creating it if needed, and removes leftovers of session creations
     * and deletions that a crash interrupted.
     *
     * @param directory the store directory
     * @param options durability, group-commit window and checkpoint retention
     * @return the open journal; close it to release the directory
     * @throws StoreException if another journal has the directory open
     * @throws UncheckedIOException if the directory cannot be prepared
     */
    public static FileJournal open(Path directory, FileJournalOptions options) {
        try {
            return new FileJournal(StoreDirectory.open(directory.toAbsolutePath()), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open store directory " + directory + ": " + e, e);
        }
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

    /**
     * The store directory.
     *
     * @return its absolute path
     */
    public Path directory() {
        return directory.root();
    }

    @Override
    public JournalWriter create(String sessionId, String headerJson) {
        String id = SessionIds.requireValid(sessionId);
        String header = JsonText.requireObject(headerJson, "header JSON");
        return directory.withSession(id, () -> {
            Path target = directory.sessionDirectory(id);
            if (Files.exists(target)) {
                throw new SessionExistsException(id);
            }
            // Built aside and renamed into place, so a crash leaves the session whole or absent.
            Path staging = directory.scratch(id, "creating");
            StoreDirectory.deleteTree(staging);
            Files.createDirectory(staging);
            byte[] headerLine = LineFormat.headerLine(id, header);
            RandomAccessFile file =
                    new RandomAccessFile(staging.resolve(StoreDirectory.JOURNAL_FILE).toFile(), "rw");
            try {
                file.write(headerLine);
                file.getFD().sync();
                directory.syncDirectory(staging);
                directory.moveDurably(staging, target);
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
            return register(id, file, 0, headerLine.length);
        });
    }

    @Override
    public JournalWriter openForAppend(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        return directory.withSession(id, () -> {
            if (openWriters.containsKey(id)) {
                throw new IllegalStateException(
                        "session \"" + id + "\" already has an open writer; close it first");
            }
            Path path = directory.journalFile(id);
            if (!Files.isRegularFile(path)) {
                throw new SessionNotFoundException(id);
            }
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
            try {
                JournalScanner.Scan scan =
                        JournalScanner.scan(path, file.getChannel(), file.length(), id, false);
                if (scan.tornTail() != null) {
                    file.setLength(scan.validLength());
                    file.getFD().sync();
                    LOG.log(Level.INFO, () -> path + ": removed a torn last line (line "
                            + scan.tornTail().lineNumber() + ", " + scan.tornTail().bytes() + " bytes: "
                            + scan.tornTail().reason() + "), most likely an append cut short by a crash");
                }
                return register(id, file, scan.lastSequence(), scan.validLength());
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        });
    }

    @Override
    public JournalContents read(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        return directory.withStore(() -> {
            Path path = directory.journalFile(id);
            FileJournalWriter writer = openWriters.get(id);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                long limit = writer != null ? writer.endOffset() : channel.size();
                JournalScanner.Scan scan = JournalScanner.scan(path, channel, limit, id, true);
                if (scan.tornTail() != null) {
                    LOG.log(Level.INFO, () -> path + ": ignoring a torn last line (line "
                            + scan.tornTail().lineNumber() + ": " + scan.tornTail().reason()
                            + "); opening the session for append removes it");
                }
                return new JournalContents(id, scan.header().headerJson(), scan.entries());
            } catch (NoSuchFileException e) {
                throw new SessionNotFoundException(id);
            }
        });
    }

    @Override
    public List<String> sessions() {
        return directory.withStore(() -> {
            try (var entries = Files.list(directory.sessionsFolder())) {
                return entries.map(entry -> entry.getFileName().toString())
                        .filter(SessionIds::isValid)
                        .filter(id -> Files.isRegularFile(directory.journalFile(id)))
                        .sorted()
                        .toList();
            }
        });
    }

    @Override
    public void archive(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        directory.withSession(id, () -> {
            requireClosedAndPresent(id);
            Path target = directory.archivedDirectory(id);
            if (Files.exists(target)) {
                throw new StoreException("cannot archive session \"" + id
                        + "\": the archive already holds a session with that id at " + target);
            }
            directory.moveDurably(directory.sessionDirectory(id), target);
            return null;
        });
    }

    @Override
    public void delete(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        directory.withSession(id, () -> {
            requireClosedAndPresent(id);
            // One atomic rename retires the session; the slow recursive delete happens out of sight
            // and is finished on the next open if a crash interrupts it.
            Path doomed = directory.scratch(id, "deleting");
            StoreDirectory.deleteTree(doomed);
            directory.moveDurably(directory.sessionDirectory(id), doomed);
            StoreDirectory.deleteTree(doomed);
            return null;
        });
    }

    @Override
    public JournalStats stats() {
        return new JournalStats(appends.sum(), committer.fileSyncs(), committer.syncWindows(),
                directory.directorySyncs());
    }

    @Override
    public void close() {
        if (!directory.closeOnce()) {
            return;
        }
        UncheckedIOException firstFailure = null;
        try {
            committer.close();
        } finally {
            for (FileJournalWriter writer : openWriters.values()) {
                try {
                    writer.release();
                } catch (UncheckedIOException e) {
                    firstFailure = firstFailure == null ? e : firstFailure;
                }
            }
            openWriters.clear();
            try {
                directory.releaseProcessLock();
            } catch (IOException e) {
                firstFailure = firstFailure == null ? new UncheckedIOException(e) : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    @Override
    public String toString() {
        return "FileJournal[" + directory.root() + "]";
    }

    void countAppend() {
        appends.increment();
    }

    void writerClosed(FileJournalWriter writer) {
        openWriters.remove(writer.sessionId(), writer);
    }

    private FileJournalWriter register(String id, RandomAccessFile file, long lastSequence,
            long endOffset) {
        FileJournalWriter writer = new FileJournalWriter(this, committer, id,
                directory.journalFile(id), file, lastSequence, endOffset);
        openWriters.put(id, writer);
        return writer;
    }

    private void requireClosedAndPresent(String id) {
        if (openWriters.containsKey(id)) {
            throw new IllegalStateException(
                    "session \"" + id + "\" has an open writer; close it before archiving or deleting");
        }
        if (!Files.isRegularFile(directory.journalFile(id))) {
            throw new SessionNotFoundException(id);
        }
    }
}
