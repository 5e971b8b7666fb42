package dev.turnstile.cli.command;

import dev.turnstile.cli.Console;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.args.CommandSpec;
import dev.turnstile.cli.args.ParsedArgs;

/** A {@code turnstile} subcommand. */
public interface Command {

    /** Its name, options and help. */
    CommandSpec spec();

    /**
     * Runs it.
     *
     * @return how the process exits; failures may also be thrown and are mapped by {@link dev.turnstile.cli.Cli}
     */
    ExitCode run(ParsedArgs args, Console console) throws Exception;

    /** Whether it is left out of the command list (internal plumbing). */
    default boolean hidden() {
        return false;
    }
}
