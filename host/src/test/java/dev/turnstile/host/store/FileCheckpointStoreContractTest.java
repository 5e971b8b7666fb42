package dev.turnstile.host.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Runs the checkpoint store contract against {@link FileJournal#checkpoints()}. */
class FileCheckpointStoreContractTest extends CheckpointStoreContractTest {

    @TempDir
    Path directory;

    @Override
    protected Journal newJournal(int checkpointsToKeep) {
        return FileJournal.open(directory,
                FileJournalOptions.defaults().withCheckpointsToKeep(checkpointsToKeep));
    }

    @Override
    protected CheckpointStore checkpointsOf(Journal journal) {
        return ((FileJournal) journal).checkpoints();
    }

    @Override
    protected List<Long> retainedSequences(String sessionId) {
        try (var files = Files.list(directory.resolve("sessions").resolve(sessionId))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("checkpoint-\\d{19}\\.json"))
                    .map(name -> Long.parseLong(name.substring(11, 30)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
