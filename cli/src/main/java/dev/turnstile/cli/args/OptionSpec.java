package dev.turnstile.cli.args;

import java.util.Objects;

/**
 * One {@code --option} a command accepts.
 *
 * @param name the long name without dashes, e.g. {@code base-url}
 * @param valueName the placeholder of its value in help ({@code URL}), or empty for a switch without value
 * @param help one line saying what it does, including its default
 */
public record OptionSpec(String name, String valueName, String help) {

    /** Validates fields. */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueName, "valueName");
        Objects.requireNonNull(help, "help");
    }

    /** An option that takes a value. */
    public static OptionSpec value(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, help);
    }

    /** A switch: present or not. */
    public static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, "", help);
    }

    /** Whether it takes a value. */
    public boolean takesValue() {
        return !valueName.isEmpty();
    }

    /** How it is written in help: {@code --base-url URL}. */
    public String synopsis() {
        return "--" + name + (takesValue() ? " " + valueName : "");
    }
}
