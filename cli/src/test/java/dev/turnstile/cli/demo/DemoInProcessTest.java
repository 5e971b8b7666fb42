package dev.turnstile.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.cli.TestConsole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end in this JVM ({@code --no-crash}): the scripted server, the real HTTP client of
 * the blocking runtime, the real tools, the file journal, the replay and the summary.
 */
class DemoInProcessTest {

    @TempDir
    Path temp;

    @Test
    void theTurnRunsLiveAndTheSummaryReportsAVerifiedReplay() {
        TestConsole t = TestConsole.in(temp);
        int status = t.run("demo", "--no-crash", "--pace-ms", "0", "--journal", temp.resolve("store").toString());
        String out = t.out();
        assertEquals(0, status, out + t.err());
        assertTrue(out.startsWith("Turnstile demo: an agent turn and a replay\n"), out);
        assertTrue(out.contains("▸ round 1 · model call e1\n  Let me look around the sandbox first.\n"
                + "  → list_dir {\"path\":\".\"}   [e2]\n"), out);
        assertTrue(out.contains("  → read_file {\"path\":\"orders.txt\"}   [e4]\n"), out);
        assertTrue(out.contains("  → calculator {\"expression\":\"3 * 19.99 + 2 * 4.50\"}   [e6]\n"), out);
        assertTrue(out.contains("  → calculator {\"expression\":\"45.00 + 4 * 2.25\"}   [e7]\n"), out);
        assertTrue(out.contains("  ← calculator: 68.97   [e6]\n"), out);
        assertTrue(out.contains("  ← calculator: 54   [e7]\n"), out);
        assertTrue(out.contains("  Order A (3 notebooks and 2 pens) comes to 68.97, and order B (a backpack and 4 markers)"
                + " comes to 54."), out);
        assertTrue(out.contains("▸ turn 1 finished: completed · 4 round(s) · tokens in "), out);
        assertTrue(out.contains("\nsummary\n  outcome      completed\n  rounds       4\n  tool calls   4 (0 errors)\n"
                + "  tokens       in "), out);
        assertTrue(out.contains("\n  journal      9 records · "), out);
        assertTrue(out.contains("\n  replay time  "), out);
        assertTrue(out.contains("\nreplay verified: 9 records\n"), out);
        assertTrue(Files.isRegularFile(temp.resolve("store/sessions/demo/journal.jsonl")));
    }

    @Test
    void aSecondDemoInTheSameStoreGetsTheNextSessionId() {
        Path store = temp.resolve("store");
        assertEquals(0, TestConsole.in(temp).run("demo", "--no-crash", "--pace-ms", "0", "--journal", store.toString()));
        TestConsole second = TestConsole.in(temp);
        assertEquals(0, second.run("demo", "--no-crash", "--pace-ms", "0", "--journal", store.toString()));
        assertTrue(second.out().contains("sessions/demo-2/journal.jsonl"), second.out());
    }
}
