package dev.turnstile.cli.command;

import dev.turnstile.cli.Console;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.args.CommandSpec;
import dev.turnstile.cli.args.OptionSpec;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.journal.JournalReader;
import dev.turnstile.cli.journal.LoadedJournal;
import dev.turnstile.cli.live.Text;
import dev.turnstile.replay.ReplayReport;
import dev.turnstile.replay.Replayer;
import java.util.List;

/** {@code turnstile replay}: replays a journal through this build's machine and verifies every step. */
public final class ReplayCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("replay", "replay [--verbose] " + JournalArgs.USAGE,
            "replay a journal and verify every step",
            """
            Feeds every journaled input to a fresh turn machine built from the journal's header and checks
            that each step returns exactly the effects recorded. Prints "verified N records", or the first
            divergent record with a line-by-line diff of the recorded and the current effect signatures
            (kind, id, digest); --verbose adds each differing effect in full.

            """ + JournalArgs.DESCRIPTION,
            List.of(OptionSpec.flag("verbose", "with a divergence, also print each differing effect in full (codec JSON)")),
            1, 2,
            List.of("turnstile demo --journal /tmp/ts-demo",
                    "turnstile replay /tmp/ts-demo/sessions/demo/journal.jsonl",
                    "turnstile replay /tmp/ts-demo demo"));

    /** Creates the command. */
    public ReplayCommand() {}

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public ExitCode run(ParsedArgs args, Console console) {
        LoadedJournal journal = JournalReader.read(JournalArgs.journalFile(args, console));
        if (journal.tornTail()) {
            console.err().println("note: " + journal.file() + " ends in a torn line (an append cut short by a crash);"
                    + " it is ignored, as recovery ignores it");
        }
        long started = System.nanoTime();
        ReplayReport report = Replayer.replay(journal.headerJson(), journal.recordJsons());
        double ms = (System.nanoTime() - started) / 1e6;
        return switch (report) {
            case ReplayReport.Verified v -> {
                console.out().println("verified " + v.records() + " records (session " + journal.header().sessionId()
                        + ", " + Text.bytes(journal.bytes()) + ", replayed in " + Text.millis(ms) + ")");
                yield ExitCode.OK;
            }
            case ReplayReport.Diverged d -> {
                console.out().println("replay diverged: " + journal.file() + " (session "
                        + journal.header().sessionId() + ", written by " + journal.header().machineVersion() + ")");
                console.out().print(DivergenceText.of(d, args.has("verbose")));
                yield ExitCode.REPLAY_DIVERGED;
            }
        };
    }
}
