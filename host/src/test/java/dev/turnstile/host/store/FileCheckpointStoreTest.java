package dev.turnstile.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint files on disk: names, format, atomicity leftovers, damage and fallback. */
class FileCheckpointStoreTest {

    @TempDir
    Path store;

    private FileJournal journal;
    private CheckpointStore checkpoints;
    private Path sessionDirectory;

    @BeforeEach
    void createSession() {
        journal = FileJournal.open(store);
        checkpoints = journal.checkpoints();
        journal.create("s1", "{}").close();
        sessionDirectory = store.resolve("sessions").resolve("s1");
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    @Test
    void fileNamesAreZeroPaddedSoTheySortBySequence() throws IOException {
        checkpoints.save("s1", 9, "{}");
        checkpoints.save("s1", 10, "{}");
        checkpoints.save("s1", 100, "{}");
        assertEquals(List.of("checkpoint-0000000000000000009.json",
                "checkpoint-0000000000000000010.json", "checkpoint-0000000000000000100.json"),
                checkpointFiles());
    }

    @Test
    void aCheckpointIsOneCrcProtectedLine() {
        checkpoints.save("s1", 42, "{\"phase\":\"AwaitingUser\"}");
        String content = StoreFiles.read(sessionDirectory.resolve("checkpoint-0000000000000000042.json"));
        assertTrue(content.endsWith("\n"));
        String line = content.substring(0, content.length() - 1);
        assertTrue(line.matches("\\{\"schema\":1,\"session\":\"s1\",\"seq\":42,\"snapshot\":"
                + "\\{\"phase\":\"AwaitingUser\"},\"crc\":\"[0-9a-f]{8}\"}"), line);
        assertEquals(StoreFiles.documentedCrc(line), line.substring(line.length() - 10, line.length() - 2));
    }

    @Test
    void aLeftoverTemporaryFileIsIgnoredAndCleanedUpByTheNextSave() throws IOException {
        checkpoints.save("s1", 5, "{\"at\":5}");
        Path leftover = sessionDirectory.resolve("checkpoint-0000000000000000007.json.tmp");
        Files.writeString(leftover, "{\"schema\":1,\"session\":\"s1\",\"seq\":7,\"snap");
        assertEquals(new Checkpoint(5, "{\"at\":5}"), checkpoints.latest("s1").orElseThrow());
        checkpoints.save("s1", 6, "{\"at\":6}");
        assertFalse(Files.exists(leftover));
        assertEquals(6, checkpoints.latest("s1").orElseThrow().journalSequence());
    }

    @Test
    void aCorruptNewestCheckpointIsSkippedWithAWarning() throws IOException {
        checkpoints.save("s1", 1, "{\"at\":1}");
        checkpoints.save("s1", 2, "{\"at\":2}");
        checkpoints.save("s1", 3, "{\"at\":3}");
        Path newest = sessionDirectory.resolve("checkpoint-0000000000000000003.json");
        Files.writeString(newest, StoreFiles.read(newest).replace("\"at\":3", "\"at\":4"));
        Path second = sessionDirectory.resolve("checkpoint-0000000000000000002.json");
        Files.writeString(second, StoreFiles.read(second).replace("\n", ""));
        try (StoreFiles.LogCapture log = new StoreFiles.LogCapture(FileCheckpointStore.class)) {
            assertEquals(new Checkpoint(1, "{\"at\":1}"), checkpoints.latest("s1").orElseThrow());
            List<String> warnings = log.messages();
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith(newest + ": skipping a damaged checkpoint (CRC32C"),
                    warnings.get(0));
            assertTrue(warnings.get(1).contains("does not end with a newline"), warnings.get(1));
        }
        Files.writeString(sessionDirectory.resolve("checkpoint-0000000000000000001.json"), "");
        assertEquals(Optional.empty(), checkpoints.latest("s1"));
    }

    @Test
    void aCheckpointCopiedToTheWrongNameIsSkipped() throws IOException {
        checkpoints.save("s1", 1, "{\"at\":1}");
        checkpoints.save("s1", 2, "{\"at\":2}");
        Files.copy(sessionDirectory.resolve("checkpoint-0000000000000000001.json"),
                sessionDirectory.resolve("checkpoint-0000000000000000009.json"));
        assertEquals(2, checkpoints.latest("s1").orElseThrow().journalSequence());
    }

    @Test
    void aCheckpointWithANewerSchemaIsRefused() throws IOException {
        checkpoints.save("s1", 1, "{}");
        Path newer = sessionDirectory.resolve("checkpoint-0000000000000000002.json");
        Files.writeString(newer, "{\"schema\":2,\"session\":\"s1\",\"seq\":2}\n");
        UnsupportedSchemaVersionException e =
                assertThrows(UnsupportedSchemaVersionException.class, () -> checkpoints.latest("s1"));
        assertEquals(newer, e.file());
        assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("up to 1"), e.getMessage());
    }

    @Test
    void pruningKeepsTheConfiguredNumber() throws IOException {
        journal.close();
        journal = FileJournal.open(store, FileJournalOptions.defaults().withCheckpointsToKeep(1));
        checkpoints = journal.checkpoints();
        checkpoints.save("s1", 1, "{}");
        checkpoints.save("s1", 2, "{}");
        assertEquals(List.of("checkpoint-0000000000000000002.json"), checkpointFiles());
    }

    @Test
    void theDefaultKeepsThree() throws IOException {
        for (long sequence = 1; sequence <= 5; sequence++) {
            checkpoints.save("s1", sequence, "{}");
        }
        assertEquals(List.of("checkpoint-0000000000000000003.json",
                "checkpoint-0000000000000000004.json", "checkpoint-0000000000000000005.json"),
                checkpointFiles());
    }

    private List<String> checkpointFiles() throws IOException {
        try (var files = Files.list(sessionDirectory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("checkpoint-"))
                    .sorted()
                    .toList();
        }
    }
}
