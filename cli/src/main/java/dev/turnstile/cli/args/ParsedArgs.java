package dev.turnstile.cli.args;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed command line: option values by name, switches, positional arguments. Accessors turn
 * values into types and throw {@link dev.turnstile.cli.UsageException} naming the option when a value does not fit.
 */
public final class ParsedArgs {

    private final String command;
    private final TreeMap<String, String> values;
    private final List<String> positionals;

    ParsedArgs(String command, Map<String, String> values, List<String> positionals) {
        this.command = command;
        this.values = new TreeMap<>(values);
        this.positionals = List.copyOf(positionals);
    }

    /** The value of {@code --name}, if given. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of {@code --name}, or {@code fallback}. */
    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of {@code --name}; a usage error if it is missing. */
    public String required(String name) {
        return value(name).orElseThrow(() -> ArgParser.usageError(command, "--" + name + " is required"));
    }

    /** Whether the switch {@code --name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code --name} as a positive int, or {@code fallback}. */
    public int positiveInt(String name, int fallback) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ArgParser.usageError(command, "--" + name + " needs a positive whole number, got \"" + text.get() + "\"");
    }

    /** The value of {@code --name} as an int in {@code [min, max]}, or {@code fallback}. */
    public int intInRange(String name, int min, int max, int fallback) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ArgParser.usageError(command, "--" + name + " needs a whole number from " + min + " to " + max
                + ", got \"" + text.get() + "\"");
    }

    /** The value of {@code --name}, which must be one of {@code choices}; or {@code fallback}. */
    public String choice(String name, List<String> choices, String fallback) {
        String v = value(name, fallback);
        if (!choices.contains(v)) {
            throw ArgParser.usageError(command, "--" + name + " must be one of " + String.join(", ", choices)
                    + ", got \"" + v + "\"");
        }
        return v;
    }

    /** The positional arguments, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** Positional argument {@code i}. */
    public String positional(int i) {
        return positionals.get(i);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedArgs p && command.equals(p.command) && values.equals(p.values)
                && positionals.equals(p.positionals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(command, values, positionals);
    }

    @Override
    public String toString() {
        return command + " " + values + " " + positionals;
    }
}
