package dev.turnstile.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.cli.journal.JournalTail;
import dev.turnstile.replay.JournalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a journal while it is written: what is in flight, and when the kill point is reached. */
class InFlightTest {

    @TempDir
    Path temp;

    @Test
    void theRecordedCrashShowsTheLastModelCallInFlightAfterEightRecords() throws Exception {
        Path journal = temp.resolve("journal.jsonl");
        try (var in = getClass().getResourceAsStream("/journals/demo-crash.jsonl")) {
            Files.write(journal, in.readAllBytes());
        }
        List<JournalRecord> all = JournalTail.records(journal);
        assertEquals(10, all.size());
        List<JournalRecord> atKill = all.subList(0, 8);
        assertEquals("model call e8", InFlight.describe(atKill));
        assertEquals(4, InFlight.count(atKill, "call_model"));
        assertEquals("tool runs e6, e7", InFlight.describe(all.subList(0, 6)));
        assertEquals("nothing", InFlight.describe(all));
        assertEquals(true, KillPoint.firstToolRound().reached().test(all.subList(0, 2)));
        assertEquals(false, KillPoint.firstToolRound().reached().test(all.subList(0, 1)));
    }

    @Test
    void aLineStillBeingWrittenIsNotReadYet() throws Exception {
        Path journal = temp.resolve("journal.jsonl");
        try (var in = getClass().getResourceAsStream("/journals/demo-crash.jsonl")) {
            byte[] bytes = in.readAllBytes();
            Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        }
        assertEquals(9, JournalTail.records(journal).size());
        assertEquals(0, JournalTail.records(temp.resolve("missing.jsonl")).size());
    }
}
