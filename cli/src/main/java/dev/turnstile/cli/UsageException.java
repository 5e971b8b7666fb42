package dev.turnstile.cli;

/** The command line is wrong; the message says what to change. Exits with {@link ExitCode#USAGE}. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public UsageException(String message) {
        super(message);
    }
}
