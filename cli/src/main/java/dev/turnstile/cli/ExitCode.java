package dev.turnstile.cli;

/**
 * The exit codes of every {@code turnstile} command. They are part of the command's contract:
 * scripts may branch on them, and the tests pin them.
 */
public enum ExitCode {
    /** The command did what it was asked: the turn completed, the replay verified, the server stopped cleanly. */
    OK(0),
    /** The command line was wrong: an unknown subcommand or option, a missing or invalid value. */
    USAGE(1),
    /** The turn stopped without completing: cancelled, out of budget or rounds, the model failed. */
    TURN_STOPPED(2),
    /** Replaying the journal under this build returned other effects than were recorded. */
    REPLAY_DIVERGED(3),
    /** A file, journal or store could not be read or written, or is corrupt; or another runtime error. */
    IO_ERROR(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
