package dev.turnstile.cli.demo;

import dev.turnstile.cli.CommandFailedException;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.journal.JournalTail;
import dev.turnstile.replay.JournalRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The first half of the crash demo: a child JVM runs the session while this process watches the
 * journal file; at the {@link KillPoint} the child is killed with SIGKILL. What it wrote stays in the
 * journal; the caller then resumes the session from it.
 */
public final class CrashDemo {

    /**
     * What happened to the child.
     *
     * @param pid its process id
     * @param killed whether it was killed at the kill point (false: it ended on its own first)
     * @param recordsAtKill records in the journal when it was killed
     * @param inFlight what the journal shows as issued but unanswered then
     * @param exitStatus its exit status (137 after SIGKILL on Unix)
     */
    public record ChildEnd(long pid, boolean killed, int recordsAtKill, String inFlight, int exitStatus) {}

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private CrashDemo() {}

    /**
     * Starts {@code turnstile childArgs…} in a child JVM and kills it at {@code point}.
     *
     * @param maxWait how long the kill point may take to come (the child's JVM start included)
     * @throws CommandFailedException if the child fails or the point does not come in time
     */
    public static ChildEnd runUntilKilled(List<String> childArgs, Path journal, KillPoint point, PrintStream out,
            PrintStream err, Duration maxWait) throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.start(childArgs, out, err, "  child │ ");
        long deadline = System.nanoTime() + maxWait.toNanos();
        List<JournalRecord> records = List.of();
        while (System.nanoTime() < deadline) {
            records = JournalTail.records(journal);
            if (point.reached().test(records)) {
                if (point.grace().isPositive()) {
                    Thread.sleep(point.grace());
                    records = JournalTail.records(journal);
                }
                int status = child.kill(KILL_WAIT);
                child.drainOutput(Duration.ofSeconds(5));
                return new ChildEnd(child.pid(), true, records.size(), InFlight.describe(records), status);
            }
            if (!child.isAlive()) {
                child.drainOutput(Duration.ofSeconds(5));
                if (child.exitValue() == 0) {
                    records = JournalTail.records(journal);
                    return new ChildEnd(child.pid(), false, records.size(), InFlight.describe(records), 0);
                }
                throw new CommandFailedException(ExitCode.IO_ERROR, "the child JVM (pid " + child.pid()
                        + ") exited with status " + child.exitValue() + " before the kill point");
            }
            Thread.sleep(POLL);
        }
        child.kill(KILL_WAIT);
        child.drainOutput(Duration.ofSeconds(5));
        throw new CommandFailedException(ExitCode.IO_ERROR, "the kill point (" + point.description()
                + ") did not come within " + maxWait.toSeconds() + " s; the journal had " + records.size() + " records");
    }
}
