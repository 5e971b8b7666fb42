package dev.turnstile.host.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checkpoints as one file each in the session's directory, named {@code
 * checkpoint-<journal sequence, 19 digits>.json} so that names sort by sequence. A file holds one
 * line in the store's CRC-protected line format. Writing is crash-atomic: temporary file in the
 * same directory, write, sync, atomic rename over the final name, sync the directory.
 */
final class FileCheckpointStore implements CheckpointStore {

    private static final System.Logger LOG = System.getLogger(FileCheckpointStore.class.getName());
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-\\d{19}\\.json");
    private static final Pattern LEFTOVER = Pattern.compile("checkpoint-\\d{19}\\.json\\.tmp");
    private static final int MAX_CHECKPOINT_BYTES = Integer.MAX_VALUE - 16;

    private final StoreDirectory directory;
    private final int checkpointsToKeep;

    FileCheckpointStore(StoreDirectory directory, int checkpointsToKeep) {
        this.directory = directory;
        this.checkpointsToKeep = checkpointsToKeep;
    }

    @Override
    public void save(String sessionId, long journalSequence, String snapshotJson) {
        String id = SessionIds.requireValid(sessionId);
        if (journalSequence < 0) {
            throw new IllegalArgumentException("journalSequence must be >= 0, was " + journalSequence);
        }
        String snapshot = JsonText.requireObject(snapshotJson, "snapshot JSON");
        byte[] line = LineFormat.checkpointLine(id, journalSequence, snapshot);
        directory.withSession(id, () -> {
            Path sessionDirectory = requireSession(id);
            Path target = sessionDirectory.resolve(fileName(journalSequence));
            Path temporary = sessionDirectory.resolve(target.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            directory.syncDirectory(sessionDirectory);
            prune(sessionDirectory);
            return null;
        });
    }

    @Override
    public Optional<Checkpoint> latest(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        return directory.withSession(id, () -> {
            for (Path candidate : checkpointsNewestFirst(requireSession(id))) {
                Optional<Checkpoint> checkpoint = readValid(candidate, id);
                if (checkpoint.isPresent()) {
                    return checkpoint;
                }
            }
            return Optional.empty();
        });
    }

    static String fileName(long journalSequence) {
        return String.format(Locale.ROOT, "checkpoint-%019d.json", journalSequence);
    }

    private Path requireSession(String id) {
        if (!Files.isRegularFile(directory.journalFile(id))) {
            throw new SessionNotFoundException(id);
        }
        return directory.sessionDirectory(id);
    }

    private Optional<Checkpoint> readValid(Path file, String id) throws IOException {
        if (Files.size(file) > MAX_CHECKPOINT_BYTES) {
            return skip(file, "it is too large to be a checkpoint");
        }
        byte[] bytes = Files.readAllBytes(file);
        int version = LineFormat.leadingSchemaVersion(bytes);
        if (version > LineFormat.SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException(file, version, LineFormat.SCHEMA_VERSION);
        }
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            return skip(file, "it does not end with a newline");
        }
        LineFormat.CheckpointLine line;
        try {
            line = LineFormat.decodeCheckpoint(Arrays.copyOf(bytes, bytes.length - 1));
        } catch (MalformedLineException e) {
            return skip(file, e.reason());
        }
        if (!line.sessionId().equals(id)
                || !fileName(line.journalSequence()).equals(file.getFileName().toString())) {
            return skip(file, "its content names session \"" + line.sessionId() + "\" at sequence "
                    + line.journalSequence() + ", which does not match its location");
        }
        return Optional.of(new Checkpoint(line.journalSequence(), line.snapshotJson()));
    }

    private static Optional<Checkpoint> skip(Path file, String reason) {
        LOG.log(Level.WARNING, () -> file + ": skipping a damaged checkpoint (" + reason
                + "); falling back to an older one, or to replaying the journal from the start");
        return Optional.empty();
    }

    /** Keeps the newest checkpoints and removes temporary files a crash left behind. */
    private void prune(Path sessionDirectory) throws IOException {
        List<Path> newestFirst = checkpointsNewestFirst(sessionDirectory);
        for (Path old : newestFirst.subList(Math.min(checkpointsToKeep, newestFirst.size()),
                newestFirst.size())) {
            Files.deleteIfExists(old);
        }
        try (var entries = Files.list(sessionDirectory)) {
            for (Path leftover : entries.filter(p -> matches(LEFTOVER, p)).toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static List<Path> checkpointsNewestFirst(Path sessionDirectory) throws IOException {
        try (var entries = Files.list(sessionDirectory)) {
            return entries.filter(p -> matches(CHECKPOINT, p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
    }

    private static boolean matches(Pattern pattern, Path path) {
        return pattern.matcher(path.getFileName().toString()).matches();
    }
}
