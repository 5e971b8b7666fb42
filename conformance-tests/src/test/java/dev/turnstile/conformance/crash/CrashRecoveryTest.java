package dev.turnstile.conformance.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test with real processes (issue 5): sessions run in child JVMs ({@link CrashChild}) on a
 * {@code BlockingRuntime} with a file journal that fsyncs by group commit; the test kills them with
 * SIGKILL at instants drawn from a seeded PRNG and resumes them in new child JVMs on the same store,
 * possibly killing those too, until every session has run its script to the end. Then
 * {@link StoreVerifier} checks each store: journals replay Verified and match the live state,
 * transcripts are valid, no acknowledged message was lost, the non-idempotent tool never ran twice,
 * the idempotent one re-ran only with issued keys, tools in flight at a crash were re-run or answered
 * "interrupted: outcome unknown", and whole journal lines found after a kill are never lost.
 *
 * <p>Kill instants: most kills wait for a random number of the child's progress lines (ACK, RAN,
 * TURN; see {@link ChildLine}), then a random 0–20 ms; one in ten waits for the child's START line,
 * then a random 0–800 ms, which lands in JVM start-up, store opening, journal replay or recovery.
 * There are no sleeps for synchronization: the test waits for lines with a bounded timeout, and the
 * only sleeps are those random delays, which choose the kill instant.
 *
 * <p>What a process kill does not test: power loss. The kernel keeps a killed process's written
 * pages, so the fsyncs are real system calls here but only a power cut (or a fault-injecting file
 * system) would show one missing.
 *
 * <p>System properties: {@code turnstile.crash.kills} (default 50; e.g. 1000 for a long run) and
 * {@code turnstile.crash.seed} (default fixed; {@code random} for a fresh one, which is printed).
 */
class CrashRecoveryTest {

    private static final int KILLS_PER_STORE = 5;
    private static final long DEFAULT_SEED = 0x7a11_5eedL;
    private static final Duration LINE_WAIT = Duration.ofSeconds(CrashChild.WAIT_SECONDS);
    private static final boolean POSIX = !System.getProperty("os.name", "").startsWith("Windows");

    @Test
    void sessionsKilledAtRandomInstantsResumeInNewProcessesAndFinishWithNothingLostOrRepeated(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path root) throws Exception {
        int kills = Integer.getInteger("turnstile.crash.kills", 50);
        long seed = seed();
        System.out.println("crash test: seed " + seed + " (re-run with -Dturnstile.crash.seed=" + seed + "), "
                + kills + " kills, store root " + root);
        SplittableRandom random = new SplittableRandom(seed);
        CrashTally tally = new CrashTally();
        long started = System.nanoTime();
        int maxStores = 3 * (kills / KILLS_PER_STORE) + 10;
        for (int store = 0; tally.kills < kills; store++) {
            assertTrue(store < maxStores, "too many stores finished before their kills were used: " + store);
            StoreHistory history = new StoreHistory(store, root.resolve("store-" + store));
            runStore(history, Math.min(KILLS_PER_STORE, kills - tally.kills), random.split());
            StoreVerifier.verify(history, tally);
            tally.add(history);
            System.out.println("  store " + store + ": " + history.kills + " kills, " + history.children
                    + " child JVMs, " + history.acks.size() + " ACKs");
        }
        System.out.println(tally.summary(seed, (System.nanoTime() - started) / 1_000_000));
        assertTrue(tally.kills >= kills);
    }

    /** Runs one store's sessions to the end in child after child, killing up to {@code killsPlanned} of them. */
    private static void runStore(StoreHistory history, int killsPlanned, SplittableRandom random) throws Exception {
        Files.createDirectories(history.ledgers());
        int progressSeen = 0;
        while (true) {
            assertTrue(history.children < killsPlanned + 20, "store " + history.store + " never finished");
            history.children++;
            Path stderr = history.directory.resolve("child-" + history.children + ".stderr");
            try (ChildProcess child = ChildProcess.launch(history.journalStore(), history.ledgers(),
                    random.nextLong(), history.sessionIds, stderr)) {
                ChildRun run = new ChildRun(history, child);
                boolean killed = false;
                if (history.kills < killsPlanned) {
                    int expected = history.sessionIds.size() * CrashScript.PROGRESS_LINES_PER_SESSION;
                    int remaining = Math.max(10, expected - progressSeen);
                    KillPlan plan = KillPlan.draw(random, remaining, killsPlanned - history.kills);
                    if (run.awaitTrigger(plan)) {
                        Thread.sleep(Duration.ofNanos(plan.delayMicros() * 1000L)); // the kill instant, not a wait
                        child.kill();
                        killed = true;
                    }
                }
                run.drain();
                int exit = child.awaitExit();
                countRepairs(history, stderr);
                if (!run.exited) {
                    assertTrue(killed, "a child ended without finishing and without being killed\n" + child.diagnosis());
                    if (POSIX) {
                        assertEquals(ChildProcess.SIGKILL_EXIT_VALUE, exit, "a SIGKILLed child's exit value\n"
                                + child.diagnosis());
                    }
                    history.kills++;
                    history.killsBeforeReady += run.ready < history.sessionIds.size() ? 1 : 0;
                    progressSeen += run.progress;
                    history.journalsAfterKills.add(wholeLines(history));
                    continue;
                }
                // EXIT was printed: every session is done and durable. A kill that raced with the child's own
                // exit (after EXIT) changes nothing and is not counted.
                assertTrue(exit == 0 || killed && exit == ChildProcess.SIGKILL_EXIT_VALUE,
                        "exit value " + exit + " after EXIT\n" + child.diagnosis());
                assertEquals(new TreeSet<>(history.sessionIds), run.digests.keySet(), child.diagnosis());
                history.finalDigests.putAll(run.digests);
                return;
            }
        }
    }

    /** Counts the repairs an exited child's log reports (torn journal tails, damaged checkpoints). */
    private static void countRepairs(StoreHistory history, Path stderr) throws IOException {
        if (Files.exists(stderr)) {
            String log = Files.readString(stderr);
            history.tornTailsRepaired += occurrences(log, "removed a torn last line");
            history.damagedCheckpointsSkipped += occurrences(log, "skipping a damaged checkpoint");
        }
    }

    private static int occurrences(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            count++;
        }
        return count;
    }

    /** Per session, the journal's bytes up to its last newline (a crash may leave a torn line after it). */
    private static Map<String, byte[]> wholeLines(StoreHistory history) throws IOException {
        Map<String, byte[]> journals = new TreeMap<>();
        for (String id : history.sessionIds) {
            Path file = history.journalFile(id);
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                journals.put(id, Arrays.copyOf(bytes, end));
            }
        }
        return journals;
    }

    private static long seed() {
        String value = System.getProperty("turnstile.crash.seed", "");
        if (value.isBlank()) {
            return DEFAULT_SEED;
        }
        return value.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(value);
    }

    /**
     * When to kill one child.
     *
     * @param afterStart kill {@code delayMicros} after the START line (else after trigger line {@code lines})
     * @param lines how many READY and progress lines to wait for, at least 1
     */
    record KillPlan(boolean afterStart, int lines, long delayMicros) {

        static KillPlan draw(SplittableRandom random, int remainingLines, int killsLeft) {
            if (random.nextInt(10) == 0) {
                return new KillPlan(true, 0, random.nextLong(800_000));
            }
            int spread = Math.max(2, 2 * remainingLines / (killsLeft + 1));
            return new KillPlan(false, 1 + random.nextInt(spread), random.nextLong(20_000));
        }
    }

    /** The lines of one child as the test consumes them, recorded into the store's history. */
    private static final class ChildRun {

        private final StoreHistory history;
        private final ChildProcess child;
        private final Map<String, String> digests = new TreeMap<>();
        private int ready;
        private int progress;
        private int triggerLines;
        private boolean exited;

        ChildRun(StoreHistory history, ChildProcess child) {
            this.history = history;
            this.child = child;
        }

        /** Consumes lines until the plan's trigger line; false when the output ends first. */
        boolean awaitTrigger(KillPlan plan) throws InterruptedException {
            for (Optional<ChildLine> line = child.next(LINE_WAIT); line.isPresent(); line = child.next(LINE_WAIT)) {
                accept(line.get());
                if (plan.afterStart() ? line.get().kind().equals(ChildLine.START) : triggerLines == plan.lines()) {
                    return true;
                }
            }
            return false;
        }

        /** Consumes every line up to the end of the output (after a kill: what the child printed before it). */
        void drain() throws InterruptedException {
            for (Optional<ChildLine> line = child.next(LINE_WAIT); line.isPresent(); line = child.next(LINE_WAIT)) {
                accept(line.get());
            }
        }

        private void accept(ChildLine line) {
            switch (line.kind()) {
                case ChildLine.READY -> {
                    ready++;
                    triggerLines++;
                    history.resumes += line.field(1).equals("resumed") ? 1 : 0;
                }
                case ChildLine.ACK -> history.acks.add(new StoreHistory.Ack(line.field(0),
                        Long.parseLong(line.field(1)), Integer.parseInt(line.field(2))));
                case ChildLine.DONE -> digests.put(line.field(0), line.field(1));
                case ChildLine.EXIT -> exited = true;
                case ChildLine.FAIL -> fail("child failed: " + line + "\n" + child.diagnosis());
                default -> { }
            }
            if (line.isProgress()) {
                progress++;
                triggerLines++;
            }
        }
    }
}
