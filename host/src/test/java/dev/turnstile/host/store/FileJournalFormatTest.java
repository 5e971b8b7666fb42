package dev.turnstile.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The on-disk format and layout of {@link FileJournal}, checked byte by byte. */
class FileJournalFormatTest {

    @TempDir
    Path store;

    @Test
    void linesFollowTheDocumentedFormatWithTheCallersJsonEmbeddedRaw() {
        try (FileJournal journal = FileJournal.open(store);
                JournalWriter writer = journal.create("chat-42", "{\"seed\":7}")) {
            writer.append("{\"input\":{\"type\":\"UserMessageReceived\",\"text\":\"hi\"},\"effects\":\"9f2c\"}");
        }
        List<String> lines = StoreFiles.lines(StoreFiles.journalFile(store, "chat-42"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).matches(
                "\\{\"schema\":1,\"session\":\"chat-42\",\"header\":\\{\"seed\":7},\"crc\":\"[0-9a-f]{8}\"}"),
                lines.get(0));
        assertTrue(lines.get(1).matches("\\{\"seq\":1,\"entry\":\\{\"input\":\\{\"type\":"
                + "\"UserMessageReceived\",\"text\":\"hi\"},\"effects\":\"9f2c\"},\"crc\":\"[0-9a-f]{8}\"}"),
                lines.get(1));
        assertTrue(StoreFiles.read(StoreFiles.journalFile(store, "chat-42")).endsWith("}\n"));
    }

    @Test
    void theCrcCoversTheLineUpToAndIncludingTheCommaBeforeIt() {
        try (FileJournal journal = FileJournal.open(store);
                JournalWriter writer = journal.create("s1", "{\"h\":\"\u00e9\"}")) {
            writer.append("{\"a\":\"caf\u00e9 \ud83d\ude00\"}");
            writer.append("{\"b\":[1,2,3]}");
        }
        for (String line : StoreFiles.lines(StoreFiles.journalFile(store, "s1"))) {
            String recorded = line.substring(line.length() - 10, line.length() - 2);
            assertEquals(StoreFiles.documentedCrc(line), recorded, line);
            assertTrue(line.substring(0, line.length() - 17).endsWith(","), line);
        }
    }

    @Test
    void everyLineIsOneJsonObjectWhoseEmbeddedValuesAreObjectsNotStrings() {
        try (FileJournal journal = FileJournal.open(store);
                JournalWriter writer = journal.create("s1", "{\"h\":1}")) {
            writer.append("{\"quote\":\"\\\"\",\"n\":[1]}");
        }
        JsonMapper mapper = JsonMapper.builder().build();
        List<String> lines = StoreFiles.lines(StoreFiles.journalFile(store, "s1"));
        JsonNode header = mapper.readTree(lines.get(0));
        assertEquals(1, header.get("schema").asInt());
        assertTrue(header.get("header").isObject());
        JsonNode entry = mapper.readTree(lines.get(1));
        assertEquals(1, entry.get("seq").asLong());
        assertTrue(entry.get("entry").isObject());
        assertEquals("\"", entry.get("entry").get("quote").asString());
    }

    @Test
    void sequenceNumbersContinueAfterTheJournalIsReopened() {
        try (FileJournal journal = FileJournal.open(store);
                JournalWriter writer = journal.create("s1", "{}")) {
            writer.append("{\"n\":1}");
            writer.append("{\"n\":2}");
        }
        try (FileJournal journal = FileJournal.open(store)) {
            assertEquals(List.of("s1"), journal.sessions());
            try (JournalWriter writer = journal.openForAppend("s1")) {
                assertEquals(2, writer.lastSequence());
                assertEquals(3, writer.append("{\"n\":3}"));
            }
            assertEquals(List.of(new JournalEntry(1, "{\"n\":1}"), new JournalEntry(2, "{\"n\":2}"),
                    new JournalEntry(3, "{\"n\":3}")), journal.read("s1").entries());
        }
    }

    @Test
    void creatingASessionSyncsTheDirectories() {
        try (FileJournal journal = FileJournal.open(store)) {
            long before = journal.stats().directorySyncs();
            journal.create("s1", "{}").close();
            // The staging directory (holding the new file) and the sessions directory it moved into.
            assertTrue(journal.stats().directorySyncs() >= before + 2, journal.stats().toString());
        }
    }

    @Test
    void aStoreDirectoryIsOpenInOneJournalAtATime() {
        try (FileJournal journal = FileJournal.open(store)) {
            StoreException e = assertThrows(StoreException.class, () -> FileJournal.open(store));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            journal.create("s1", "{}").close();
        }
        try (FileJournal journal = FileJournal.open(store)) {
            assertEquals(List.of("s1"), journal.sessions());
        }
    }

    @Test
    void leftoversOfAnInterruptedCreationOrDeletionAreRemovedOnOpen() throws IOException {
        FileJournal.open(store).close();
        Path creating = Files.createDirectories(store.resolve("tmp").resolve("s9.creating"));
        Files.writeString(creating.resolve("journal.jsonl"), "{\"schema\":1,\"sess");
        try (FileJournal journal = FileJournal.open(store)) {
            assertFalse(Files.exists(creating));
            assertEquals(List.of(), journal.sessions());
            journal.create("s9", "{}").close();
        }
    }

    @Test
    void archivedSessionsAreMovedWholeIntoTheArchiveFolder() throws IOException {
        try (FileJournal journal = FileJournal.open(store)) {
            try (JournalWriter writer = journal.create("s1", "{}")) {
                writer.append("{}");
            }
            journal.checkpoints().save("s1", 1, "{}");
            journal.archive("s1");
            assertFalse(Files.exists(store.resolve("sessions").resolve("s1")));
            Path archived = store.resolve("archive").resolve("s1");
            assertTrue(Files.isRegularFile(archived.resolve("journal.jsonl")));
            assertTrue(Files.isRegularFile(
                    archived.resolve("checkpoint-0000000000000000001.json")));
            journal.create("s2", "{}").close();
            journal.delete("s2");
            assertFalse(Files.exists(store.resolve("sessions").resolve("s2")));
            try (var leftovers = Files.list(store.resolve("tmp"))) {
                assertEquals(0, leftovers.count());
            }
        }
    }

    @Test
    void foreignEntriesInTheSessionsFolderAreNotListed() throws IOException {
        try (FileJournal journal = FileJournal.open(store)) {
            journal.create("s1", "{}").close();
            Files.createDirectories(store.resolve("sessions").resolve(".hidden"));
            Files.createDirectories(store.resolve("sessions").resolve("empty"));
            Files.writeString(store.resolve("sessions").resolve("notes.txt"), "x");
            assertEquals(List.of("s1"), journal.sessions());
        }
    }
}
