package dev.turnstile.cli;

import java.util.Objects;

/**
 * A command could not finish for a reason the user must act on (a journal that cannot be read, a
 * child process that died); the message is printed as is and the process exits with {@link #exitCode()}.
 */
public final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    /** Creates the exception. */
    public CommandFailedException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /** Creates the exception with its cause. */
    public CommandFailedException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /** How the process exits. */
    public ExitCode exitCode() {
        return exitCode;
    }
}
