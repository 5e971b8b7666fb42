package dev.turnstile.cli.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.cli.TestConsole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnstile replay}: exit 0 on a good journal, 3 with a diff on a tampered one, 4 on a corrupt one. */
class ReplayCommandTest {

    @TempDir
    Path temp;

    private Path store;
    private Path journal;

    @BeforeEach
    void makeJournal() {
        store = temp.resolve("store");
        journal = JournalFiles.demoJournal(store);
    }

    @Test
    void aGoodJournalVerifies() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run("replay", journal.toString()), t.err());
        assertTrue(t.out().startsWith("verified 9 records (session demo, "), t.out());
    }

    @Test
    void theJournalMayBeNamedByStoreAndSessionOrByAStoreWithOneSession() {
        TestConsole byId = TestConsole.in(temp);
        assertEquals(0, byId.run("replay", "store", "demo"), byId.err());
        assertTrue(byId.out().startsWith("verified 9 records"), byId.out());
        TestConsole byStore = TestConsole.in(temp);
        assertEquals(0, byStore.run("replay", "store"), byStore.err());
        TestConsole bySessionDir = TestConsole.in(temp);
        assertEquals(0, bySessionDir.run("replay", "store/sessions/demo"), bySessionDir.err());
        TestConsole unknown = TestConsole.in(temp);
        assertEquals(4, unknown.run("replay", "store", "nope"));
        assertEquals("turnstile replay: no session \"nope\" in " + store + "; sessions: demo\n", unknown.err());
    }

    @Test
    void aTamperedJournalThatStillPassesItsChecksumsDivergesWithADiff() throws Exception {
        // Record 3 is list_dir's result; the model call its step issues carries it to the model.
        JournalFiles.rewriteLine(journal, 4, line -> line.replace("(100 bytes)", "(999 bytes)"));
        TestConsole t = TestConsole.in(temp);
        assertEquals(3, t.run("replay", journal.toString()), t.out() + t.err());
        assertTrue(t.out().startsWith("replay diverged: " + journal + " (session demo, written by "), t.out());
        assertTrue(t.out().contains("first divergence at record 3 (input ToolSucceeded at "), t.out());
        assertTrue(t.out().contains("  - call_model e3 "), t.out());
        assertTrue(t.out().contains("   (recorded)\n  + call_model e3 "), t.out());
        assertTrue(t.out().contains("   (now)\n"), t.out());
        assertTrue(t.out().contains("  input: tool result e2: \"README.md  (86 bytes)⏎notes/⏎orders.txt  (999 bytes)\"\n"),
                t.out());
        assertTrue(t.out().endsWith("(--verbose prints the differing effects in full)\n"), t.out());
        TestConsole verbose = TestConsole.in(temp);
        assertEquals(3, verbose.run("replay", "--verbose", journal.toString()));
        assertTrue(verbose.out().contains("      now: {\"type\":\"call_model\",\"id\":3,"), verbose.out());
    }

    @Test
    void aCorruptLineIsAnIoErrorNamingFileAndLine() throws Exception {
        JournalFiles.damageLine(journal, 4, line -> line.replace("orders", "ordres"));
        TestConsole t = TestConsole.in(temp);
        assertEquals(4, t.run("replay", journal.toString()));
        assertTrue(t.err().startsWith("turnstile replay: corrupt journal: " + journal + ": line 4: "), t.err());
        assertEquals("", t.out());
    }

    @Test
    void aTornLastLineIsIgnoredAsRecoveryIgnoresIt() throws Exception {
        byte[] bytes = Files.readAllBytes(journal);
        Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run("replay", journal.toString()), t.err());
        assertTrue(t.out().startsWith("verified 8 records"), t.out());
        assertTrue(t.err().contains("ends in a torn line"), t.err());
    }

    @Test
    void aJournalFromANewerTurnstileIsRefused() throws Exception {
        JournalFiles.rewriteLine(journal, 1, line -> line.replaceFirst("\\{\"schema\":1,", "{\"schema\":99,"));
        TestConsole t = TestConsole.in(temp);
        assertEquals(4, t.run("replay", journal.toString()));
        assertTrue(t.err().contains("99"), t.err());
        assertTrue(t.err().contains(journal.toString()), t.err());
    }

    @Test
    void somethingThatIsNotAJournalIsAnIoError() throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "hello\n", StandardCharsets.UTF_8);
        TestConsole t = TestConsole.in(temp);
        assertEquals(4, t.run("replay", notes.toString()));
        assertEquals("turnstile replay: " + notes + ": line 1: not a Turnstile journal (the first line is not JSON)\n",
                t.err());
        TestConsole missing = TestConsole.in(temp);
        assertEquals(4, missing.run("replay", "nothing-here.jsonl"));
        assertEquals("turnstile replay: " + temp.resolve("nothing-here.jsonl") + ": no such file or directory\n",
                missing.err());
    }

    @Test
    void aJournalDownloadedFromTheServerWithoutChecksumsReplaysToo() throws Exception {
        Path downloaded = temp.resolve("downloaded.jsonl");
        String crcSuffix = ",\"crc\":\"00000000\"}";
        Files.write(downloaded, Files.readAllLines(journal).stream()
                .map(l -> l.substring(0, l.length() - crcSuffix.length()) + "}").toList());
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run("replay", downloaded.toString()), t.err());
        assertTrue(t.out().startsWith("verified 9 records"), t.out());
        JournalFiles.damageLine(downloaded, 3, l -> l.replace("{\"seq\":2,", "{\"seq\":7,"));
        TestConsole bad = TestConsole.in(temp);
        assertEquals(4, bad.run("replay", downloaded.toString()));
        assertEquals("turnstile replay: corrupt journal: " + downloaded
                + ": line 3: sequence number 7 where 2 was expected\n", bad.err());
    }

    @Test
    void theRecordedFixtureStillReplays() throws Exception {
        Path fixture = temp.resolve("fixture.jsonl");
        try (var in = getClass().getResourceAsStream("/journals/demo-crash.jsonl")) {
            Files.write(fixture, in.readAllBytes());
        }
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run("replay", fixture.toString()), t.out() + t.err());
        assertTrue(t.out().startsWith("verified 10 records"), t.out());
    }
}
