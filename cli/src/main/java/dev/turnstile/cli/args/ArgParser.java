package dev.turnstile.cli.args;

import dev.turnstile.cli.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Parses a subcommand's arguments against its {@link CommandSpec}: {@code --name value},
 * {@code --name=value}, switches, positionals in any order, {@code --} ending the options. Every
 * mistake is a {@link UsageException} that names the option and points at {@code --help}.
 */
public final class ArgParser {

    private ArgParser() {}

    /**
     * The parsed arguments, or empty when {@code --help} (or {@code -h}) was asked for.
     *
     * @throws UsageException for an unknown option, a missing value, an option given twice, or too
     *     few or too many positional arguments
     */
    public static Optional<ParsedArgs> parse(CommandSpec spec, List<String> args) {
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return Optional.empty();
            }
            if (!arg.startsWith("--")) {
                throw error(spec, "unknown option " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            OptionSpec option = find(spec, name);
            if (values.containsKey(name)) {
                throw error(spec, "--" + name + " is given twice");
            }
            if (!option.takesValue()) {
                if (eq >= 0) {
                    throw error(spec, "--" + name + " takes no value");
                }
                values.put(name, "true");
            } else if (eq >= 0) {
                values.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw error(spec, "--" + name + " needs a value (" + option.valueName() + ")");
            }
        }
        if (positionals.size() < spec.minPositionals()) {
            throw error(spec, "missing argument; usage: turnstile " + spec.usage());
        }
        if (positionals.size() > spec.maxPositionals()) {
            throw error(spec, "unexpected argument \"" + positionals.get(spec.maxPositionals())
                    + "\"; usage: turnstile " + spec.usage());
        }
        return Optional.of(new ParsedArgs(spec.name(), values, positionals));
    }

    private static OptionSpec find(CommandSpec spec, String name) {
        for (OptionSpec option : spec.options()) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        throw error(spec, "unknown option --" + name);
    }

    private static UsageException error(CommandSpec spec, String message) {
        return usageError(spec.name(), message);
    }

    /** A usage error of subcommand {@code command}, pointing at its help. */
    public static UsageException usageError(String command, String message) {
        return new UsageException(command + ": " + message + " (see 'turnstile " + command + " --help')");
    }
}
