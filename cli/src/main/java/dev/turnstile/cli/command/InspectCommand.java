package dev.turnstile.cli.command;

import dev.turnstile.cli.Console;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.args.CommandSpec;
import dev.turnstile.cli.args.OptionSpec;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.journal.JournalReader;
import dev.turnstile.cli.journal.LoadedJournal;
import dev.turnstile.cli.journal.Timeline;
import dev.turnstile.cli.journal.TimelineJson;
import dev.turnstile.cli.journal.TimelineRow;
import dev.turnstile.cli.journal.TimelineText;
import java.util.List;

/** {@code turnstile inspect}: a journal as a readable timeline, or as JSON Lines. */
public final class InspectCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("inspect", "inspect [--json] " + JournalArgs.USAGE,
            "show a journal as a timeline",
            """
            Prints a journal record by record: when the input arrived, what it said, the effects the
            machine answered it with, the phase the session was in afterwards and the tokens used so far.
            The states are recomputed by stepping this build's machine; a step whose effects differ from
            the recorded ones is marked DIVERGED (and the exit code is 3).

            """ + JournalArgs.DESCRIPTION,
            List.of(OptionSpec.flag("json", "print JSON Lines: a header line, then one object per record")), 1, 2,
            List.of("turnstile demo --journal /tmp/ts-demo",
                    "turnstile inspect /tmp/ts-demo/sessions/demo/journal.jsonl",
                    "turnstile inspect --json /tmp/ts-demo demo"));

    /** Creates the command. */
    public InspectCommand() {}

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public ExitCode run(ParsedArgs args, Console console) {
        LoadedJournal journal = JournalReader.read(JournalArgs.journalFile(args, console));
        List<TimelineRow> rows = Timeline.of(journal);
        if (args.has("json")) {
            TimelineJson.print(journal, rows, console.out());
        } else {
            TimelineText.print(journal, rows, console.out());
        }
        return rows.stream().anyMatch(TimelineRow::diverged) ? ExitCode.REPLAY_DIVERGED : ExitCode.OK;
    }
}
