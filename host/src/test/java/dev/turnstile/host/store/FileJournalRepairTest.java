package dev.turnstile.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a crash or bit rot leaves behind: torn tails are repaired, everything else is reported
 * with file, line and reason and left untouched.
 */
class FileJournalRepairTest {

    @TempDir
    Path store;

    private Path file;

    /** A session "s1" with a header and entries 1..4: five lines. */
    @BeforeEach
    void writeFourEntries() {
        try (FileJournal journal = FileJournal.open(store);
                JournalWriter writer = journal.create("s1", "{}")) {
            for (int n = 1; n <= 4; n++) {
                writer.append("{\"n\":" + n + "}");
            }
        }
        file = StoreFiles.journalFile(store, "s1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"seq\":5,\"entry\":{\"n\":5},\"cr",
            "{\"seq\":5,\"entry\":{\"n\":5},\"crc\":\"00000000\"}",
            "{\"seq\":5,\"entry\":{\"n\"",
            "\u0000\u0000\u0000\u0000",
            "{"})
    void aTornLastLineIsIgnoredByReadAndTruncatedByOpenForAppend(String tornLine) {
        long cleanSize = StoreFiles.size(file);
        StoreFiles.appendRaw(file, tornLine);
        try (FileJournal journal = FileJournal.open(store);
                StoreFiles.LogCapture log = new StoreFiles.LogCapture(FileJournal.class)) {
            assertEquals(4, journal.read("s1").lastSequence());
            assertEquals(cleanSize + tornLine.length(), StoreFiles.size(file), "read must not repair");
            try (JournalWriter writer = journal.openForAppend("s1")) {
                assertEquals(cleanSize, StoreFiles.size(file), "openForAppend truncates the torn line");
                assertEquals(4, writer.lastSequence());
                assertEquals(5, writer.append("{\"n\":\"five\"}"));
            }
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("removed a torn last line")
                    && m.contains("line 6")), log.messages().toString());
            List<JournalEntry> entries = journal.read("s1").entries();
            assertEquals(new JournalEntry(5, "{\"n\":\"five\"}"), entries.getLast());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L),
                    entries.stream().map(JournalEntry::sequence).toList());
        }
    }

    @Test
    void aCompleteLastLineWithABadCrcIsTornToo() {
        List<String> lines = StoreFiles.lines(file);
        String last = lines.getLast();
        StoreFiles.replaceLine(file, 5, last.replace("{\"n\":4}", "{\"n\":8}"));
        try (FileJournal journal = FileJournal.open(store)) {
            assertEquals(3, journal.read("s1").lastSequence());
            try (JournalWriter writer = journal.openForAppend("s1")) {
                assertEquals(4, writer.append("{\"n\":\"again\"}"));
            }
            assertEquals(4, StoreFiles.lines(file).size() - 1);
        }
    }

    @Test
    void aBadCrcInTheMiddleNamesFileLineAndReasonAndTruncatesNothing() {
        String third = StoreFiles.lines(file).get(2);
        StoreFiles.replaceLine(file, 3, third.replace("{\"n\":2}", "{\"n\":7}"));
        String before = StoreFiles.read(file);
        JournalCorruptException e = assertCorrupt(3);
        assertTrue(e.reason().startsWith("CRC32C mismatch: the line records "), e.reason());
        assertTrue(e.getMessage().startsWith(file + ": line 3: CRC32C mismatch"), e.getMessage());
        assertEquals(before, StoreFiles.read(file), "corruption must never be truncated");
    }

    @Test
    void aMangledCrcFieldIsDetected() {
        String second = StoreFiles.lines(file).get(1);
        String crc = second.substring(second.length() - 10, second.length() - 2);
        String otherCrc = crc.equals("00000000") ? "00000001" : "00000000";
        StoreFiles.replaceLine(file, 2, second.replace(crc, otherCrc));
        JournalCorruptException e = assertCorrupt(2);
        assertTrue(e.reason().contains("records " + otherCrc + " but its content hashes to " + crc),
                e.reason());
    }

    @Test
    void badJsonUnderAValidCrcInTheMiddleIsCorruption() {
        StoreFiles.replaceLine(file, 4, StoreFiles.sealed("{\"seq\":3,\"entry\":{\"n\":,"));
        JournalCorruptException e = assertCorrupt(4);
        assertTrue(e.reason().startsWith("the entry is not one JSON object"), e.reason());
    }

    @Test
    void aNonConsecutiveSequenceNumberIsCorruptionEvenOnTheLastLine() {
        StoreFiles.replaceLine(file, 3, StoreFiles.sealed("{\"seq\":5,\"entry\":{\"n\":2},"));
        JournalCorruptException middle = assertCorrupt(3);
        assertEquals("sequence number 5 where 2 was expected", middle.reason());

        writeFourEntriesAgain();
        StoreFiles.replaceLine(file, 5, StoreFiles.sealed("{\"seq\":3,\"entry\":{\"n\":4},"));
        JournalCorruptException last = assertCorrupt(5);
        assertEquals("sequence number 3 where 4 was expected", last.reason());
    }

    @Test
    void aLineWithoutACrcFieldInTheMiddleIsCorruption() {
        StoreFiles.replaceLine(file, 2, "{\"seq\":1,\"entry\":{\"n\":1}}");
        JournalCorruptException e = assertCorrupt(2);
        assertTrue(e.reason().startsWith("does not end with ,\"crc\""), e.reason());
    }

    @Test
    void anEmptyLineInTheMiddleIsCorruption() {
        StoreFiles.replaceLine(file, 3, "");
        assertCorrupt(3);
    }

    @Test
    void aHeaderProblemIsCorruptionOfLineOne() {
        StoreFiles.write(file, "");
        assertEquals("the file is empty; expected the header line", assertCorrupt(1).reason());

        writeFourEntriesAgain();
        String header = StoreFiles.lines(file).getFirst();
        StoreFiles.replaceLine(file, 1, header.replace("\"s1\"", "\"s2\""));
        assertTrue(assertCorrupt(1).reason().startsWith("CRC32C mismatch"));

        StoreFiles.replaceLine(file, 1, StoreFiles.sealed("{\"schema\":1,\"session\":\"s2\",\"header\":{},"));
        assertEquals("the header names session \"s2\" but the file belongs to session \"s1\"",
                assertCorrupt(1).reason());
    }

    @Test
    void aNewerSchemaIsRefusedNamingTheFileAndBothVersions() {
        StoreFiles.replaceLine(file, 1,
                StoreFiles.sealed("{\"schema\":2,\"session\":\"s1\",\"header\":{},\"compression\":\"zstd\","));
        String before = StoreFiles.read(file);
        try (FileJournal journal = FileJournal.open(store)) {
            for (Function<String, Object> open : List.<Function<String, Object>>of(
                    journal::read, journal::openForAppend)) {
                UnsupportedSchemaVersionException e =
                        assertThrows(UnsupportedSchemaVersionException.class, () -> open.apply("s1"));
                assertEquals(2, e.foundVersion());
                assertEquals(1, e.supportedVersion());
                assertEquals(file, e.file());
                assertEquals(file + ": written with schema version 2, but this Turnstile build reads"
                        + " schema versions up to 1; open it with a newer Turnstile", e.getMessage());
            }
        }
        assertEquals(before, StoreFiles.read(file));
    }

    @Test
    void aNewerSchemaIsRefusedEvenIfItsLinesLookDifferent() {
        StoreFiles.write(file, "{\"schema\":3,\"checksum\":\"sha256:…\"}\n");
        try (FileJournal journal = FileJournal.open(store)) {
            assertEquals(3, assertThrows(UnsupportedSchemaVersionException.class,
                    () -> journal.read("s1")).foundVersion());
        }
    }

    private void writeFourEntriesAgain() {
        try (FileJournal journal = FileJournal.open(store)) {
            journal.delete("s1");
        }
        writeFourEntries();
    }

    /** Both read and openForAppend must report the same corruption and leave the file alone. */
    private JournalCorruptException assertCorrupt(long lineNumber) {
        String before = StoreFiles.read(file);
        JournalCorruptException fromRead;
        try (FileJournal journal = FileJournal.open(store)) {
            fromRead =
                    assertThrows(JournalCorruptException.class, () -> journal.read("s1"));
            JournalCorruptException fromOpen =
                    assertThrows(JournalCorruptException.class, () -> journal.openForAppend("s1"));
            assertEquals(fromRead.getMessage(), fromOpen.getMessage());
            assertEquals(file, fromRead.file());
            assertEquals(lineNumber, fromRead.lineNumber());
            assertEquals(file + ": line " + lineNumber + ": " + fromRead.reason(), fromRead.getMessage());
            assertTrue(fromRead.getMessage().contains("journal.jsonl"));
            try (JournalWriter writer = journal.create("other", "{}")) {
                writer.append("{}");
            }
            journal.delete("other");
        }
        assertEquals(before, StoreFiles.read(file));
        return fromRead;
    }
}
