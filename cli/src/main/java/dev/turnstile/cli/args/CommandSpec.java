package dev.turnstile.cli.args;

import dev.turnstile.cli.ExitCode;
import java.util.List;
import java.util.Objects;

/**
 * What a subcommand accepts and how its help reads.
 *
 * @param name the subcommand, e.g. {@code replay}
 * @param usage the usage line after {@code turnstile}, e.g. {@code replay JOURNAL [SESSION]}
 * @param summary one line for the command list
 * @param description what it does, a few lines
 * @param options the options it accepts ({@code --help} is implied)
 * @param minPositionals fewest positional arguments
 * @param maxPositionals most positional arguments
 * @param examples example command lines that work as written
 */
public record CommandSpec(String name, String usage, String summary, String description, List<OptionSpec> options,
        int minPositionals, int maxPositionals, List<String> examples) {

    /** Validates fields. */
    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        options = List.copyOf(options);
        examples = List.copyOf(examples);
        if (minPositionals < 0 || maxPositionals < minPositionals) {
            throw new IllegalArgumentException("positional bounds " + minPositionals + ".." + maxPositionals);
        }
    }

    /** The help text printed by {@code turnstile NAME --help}. */
    public String help() {
        StringBuilder out = new StringBuilder();
        out.append("usage: turnstile ").append(usage).append("\n\n");
        out.append(description.strip()).append("\n\n");
        out.append("options:\n");
        int width = options.stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
        width = Math.max(width, "--help".length());
        for (OptionSpec option : options) {
            out.append("  ").append(pad(option.synopsis(), width)).append("  ").append(option.help()).append('\n');
        }
        out.append("  ").append(pad("--help", width)).append("  show this help and exit\n");
        if (!examples.isEmpty()) {
            out.append("\nexamples:\n");
            for (String example : examples) {
                out.append("  ").append(example).append('\n');
            }
        }
        out.append("\nexit codes:\n");
        for (ExitCode code : ExitCode.values()) {
            out.append("  ").append(code.code()).append("  ").append(ExitCodes.meaning(code)).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
