package dev.turnstile.cli.demo;

import dev.turnstile.cli.live.LiveView;
import dev.turnstile.cli.live.Text;
import dev.turnstile.machine.SessionState;
import dev.turnstile.model.Message;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.Usage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's closing summary, computed from the state that replaying the journal arrived at (the
 * authoritative record of both processes' work, not what either process happened to display).
 *
 * @param state the state after the last journal record
 * @param records journal records replayed
 * @param journalBytes the journal file's size
 * @param journal the journal file
 * @param wallMillis the whole demo's wall time
 * @param replayMillis the replay's wall time
 * @param crash what the crash did, if there was one
 */
public record DemoSummary(SessionState state, long records, long journalBytes, Path journal, double wallMillis,
        double replayMillis, Optional<String> crash) {

    /** Prints the summary, ending with {@code replay verified: N records}. */
    public void print(PrintStream out) {
        Usage usage = state.sessionMeter().usage();
        long toolCalls = 0;
        long toolErrors = 0;
        for (Message m : state.transcript()) {
            if (m instanceof ToolResultMessage r) {
                toolCalls++;
                toolErrors += r.isError() ? 1 : 0;
            }
        }
        out.println();
        out.println("summary");
        row(out, "outcome", state.lastOutcome().map(LiveView::outcome).getOrElse("(no turn finished)"));
        row(out, "rounds", String.valueOf(state.sessionMeter().rounds()));
        row(out, "tool calls", toolCalls + " (" + toolErrors + " errors)");
        row(out, "tokens", String.format(Locale.ROOT, "in %d · out %d · total %d", usage.inputTokens(),
                usage.outputTokens(), usage.totalTokens()));
        row(out, "wall time", Text.millis(wallMillis));
        row(out, "journal", records + " records · " + journalBytes + " bytes (" + Text.bytes(journalBytes) + ")");
        crash.ifPresent(c -> row(out, "crash", c));
        row(out, "replay time", Text.millis(replayMillis));
        out.println("replay verified: " + records + " records");
        out.println();
        out.println("look at it:  turnstile inspect " + journal);
        out.println("replay it:   turnstile replay " + journal);
        out.flush();
    }

    private static void row(PrintStream out, String name, String value) {
        out.println("  " + String.format("%-12s", name) + " " + value);
    }
}
