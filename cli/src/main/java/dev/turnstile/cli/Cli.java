package dev.turnstile.cli;

import dev.turnstile.cli.args.ArgParser;
import dev.turnstile.cli.args.ExitCodes;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.command.Command;
import dev.turnstile.cli.command.DemoChildCommand;
import dev.turnstile.cli.command.DemoCommand;
import dev.turnstile.cli.command.InspectCommand;
import dev.turnstile.cli.command.ReplayCommand;
import dev.turnstile.cli.command.RunCommand;
import dev.turnstile.cli.command.ServeCommand;
import dev.turnstile.codec.CodecException;
import dev.turnstile.host.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code turnstile} command: picks the subcommand, parses its arguments, runs it and maps what
 * went wrong to an {@link ExitCode}. Runs in-process for tests; {@link Main} is the process entry.
 */
public final class Cli {

    private static final List<Command> COMMANDS = List.of(new DemoCommand(), new RunCommand(), new ReplayCommand(),
            new InspectCommand(), new ServeCommand(), new DemoChildCommand());

    private Cli() {}

    /** Runs {@code turnstile args…} and returns the exit status. */
    public static int run(List<String> args, Console console) {
        return execute(args, console).code();
    }

    /** Runs {@code turnstile args…} and returns the exit code. */
    public static ExitCode execute(List<String> args, Console console) {
        if (args.isEmpty()) {
            console.err().print(overview());
            return ExitCode.USAGE;
        }
        String first = args.getFirst();
        if (first.equals("--help") || first.equals("-h")) {
            console.out().print(overview());
            return ExitCode.OK;
        }
        if (first.equals("help")) {
            return help(args.subList(1, args.size()), console);
        }
        if (first.equals("--version")) {
            console.out().println("turnstile " + version());
            return ExitCode.OK;
        }
        Optional<Command> command = find(first);
        if (command.isEmpty()) {
            return usageError(console, "unknown command \"" + first + "\"; commands: " + commandNames()
                    + " (see 'turnstile --help')");
        }
        return execute(command.get(), args.subList(1, args.size()), console);
    }

    private static ExitCode execute(Command command, List<String> args, Console console) {
        try {
            Optional<ParsedArgs> parsed = ArgParser.parse(command.spec(), args);
            if (parsed.isEmpty()) {
                console.out().print(command.spec().help());
                return ExitCode.OK;
            }
            return command.run(parsed.get(), console);
        } catch (UsageException e) {
            return usageError(console, e.getMessage());
        } catch (CommandFailedException e) {
            console.err().println("turnstile " + command.spec().name() + ": " + e.getMessage());
            debugTrace(console, e);
            return e.exitCode();
        } catch (StoreException | CodecException | UncheckedIOException | IOException e) {
            console.err().println("turnstile " + command.spec().name() + ": " + e.getMessage());
            debugTrace(console, e);
            return ExitCode.IO_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.err().println("turnstile " + command.spec().name() + ": interrupted");
            return ExitCode.IO_ERROR;
        } catch (Exception e) {
            console.err().println("turnstile " + command.spec().name() + ": " + e);
            debugTrace(console, e);
            return ExitCode.IO_ERROR;
        }
    }

    private static ExitCode help(List<String> rest, Console console) {
        if (rest.isEmpty()) {
            console.out().print(overview());
            return ExitCode.OK;
        }
        Optional<Command> command = find(rest.getFirst());
        if (command.isEmpty()) {
            return usageError(console, "unknown command \"" + rest.getFirst() + "\"; commands: " + commandNames());
        }
        console.out().print(command.get().spec().help());
        return ExitCode.OK;
    }

    private static ExitCode usageError(Console console, String message) {
        console.err().println("turnstile " + message);
        return ExitCode.USAGE;
    }

    private static void debugTrace(Console console, Throwable e) {
        if (console.env().apply("TURNSTILE_DEBUG") != null) {
            e.printStackTrace(console.err());
        }
    }

    private static Optional<Command> find(String name) {
        return COMMANDS.stream().filter(c -> c.spec().name().equals(name)).findFirst();
    }

    private static String commandNames() {
        return String.join(", ", COMMANDS.stream().filter(c -> !c.hidden()).map(c -> c.spec().name()).toList());
    }

    /** The top-level help: commands and exit codes. */
    static String overview() {
        StringBuilder out = new StringBuilder();
        out.append("usage: turnstile COMMAND [OPTIONS] [ARGS]\n\n");
        out.append("Runs LLM agent turns on the Turnstile machine, and replays and inspects their journals.\n\n");
        out.append("commands:\n");
        for (Command c : COMMANDS) {
            if (!c.hidden()) {
                out.append("  ").append(String.format("%-8s", c.spec().name())).append("  ")
                        .append(c.spec().summary()).append('\n');
            }
        }
        out.append("\n'turnstile COMMAND --help' describes a command's options, with examples.\n");
        out.append("\nexit codes:\n");
        for (ExitCode code : ExitCode.values()) {
            out.append("  ").append(code.code()).append("  ").append(ExitCodes.meaning(code)).append('\n');
        }
        return out.toString();
    }

    /** This build's version, from the jar manifest ({@code dev} when run from classes). */
    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
