package dev.turnstile.cli.command;

import dev.turnstile.cli.Console;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.journal.JournalLocation;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code JOURNAL [SESSION]} arguments of {@code replay} and {@code inspect}. */
final class JournalArgs {

    static final String USAGE = "JOURNAL [SESSION]";
    static final String DESCRIPTION = """
            JOURNAL is a journal file (<store>/sessions/<id>/journal.jsonl), a session directory, or a
            store directory followed by a SESSION id (which may be left out when the store holds one
            session). The journal is read from a private copy with the store's own checks (the CRC of
            every line, sequence numbers, schema version), so it may be read while a server has the
            store open; a torn last line (an append cut short by a crash) is ignored, as recovery does.""";

    private JournalArgs() {}

    static Path journalFile(ParsedArgs args, Console console) {
        Optional<String> session = args.positionals().size() > 1 ? Optional.of(args.positional(1)) : Optional.empty();
        return JournalLocation.find(console.resolve(args.positional(0)), session);
    }
}
