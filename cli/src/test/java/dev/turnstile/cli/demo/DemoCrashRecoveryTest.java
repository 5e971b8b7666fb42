package dev.turnstile.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code turnstile demo}, as a process: it runs the turn in a child JVM, kills it with
 * SIGKILL while the last model call streams, resumes in its own JVM and replays. Three JVMs start, so
 * the bound is generous for a loaded two-core machine; nothing here sleeps or depends on timing (the
 * scripted model holds the call until the kill).
 */
class DemoCrashRecoveryTest {

    private static final long BOUND_MINUTES = 5;

    @TempDir
    Path temp;

    @Test
    void theChildIsKilledMidTurnAndTheSessionIsResumedFinishedAndVerified() throws Exception {
        Path output = temp.resolve("demo.out");
        Process demo = new ProcessBuilder(ChildJvm.javaExecutable().toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "demo", "--pace-ms", "0",
                "--journal", temp.resolve("store").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = demo.waitFor(BOUND_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(ended, "the demo did not end within " + BOUND_MINUTES + " minutes:\n" + out);
        assertEquals(0, demo.exitValue(), out);
        assertTrue(out.contains("  child │ child JVM pid "), out);
        assertTrue(out.contains("  child │   → calculator {\"expression\":\"3 * 19.99 + 2 * 4.50\"}   [e6]"), out);
        assertTrue(out.contains("✂ killed the child JVM (pid "), out);
        assertTrue(out.contains(") with SIGKILL, exit status 137: the journal had 8 records, model call e8 in flight\n"), out);
        assertTrue(out.contains("▸ recovered from the journal: 1 model call(s) re-issued, 0 tool run(s) re-issued, "
                + "0 interrupted, 0 approval(s) pending\n"), out);
        assertTrue(out.contains("comes to 68.97, and order B (a backpack and 4 markers) comes to 54."), out);
        List<String> summary = out.lines().dropWhile(l -> !l.equals("summary")).toList();
        assertTrue(summary.contains("  outcome      completed"), out);
        assertTrue(summary.contains("  rounds       4"), out);
        assertTrue(summary.contains("  tool calls   4 (0 errors)"), out);
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("  tokens       in ")), out);
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("  wall time    ")), out);
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("  journal      10 records · ")), out);
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("  crash        child pid ")), out);
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("  replay time  ")), out);
        assertTrue(summary.contains("replay verified: 10 records"), out);
    }
}
