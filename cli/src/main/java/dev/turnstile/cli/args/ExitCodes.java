package dev.turnstile.cli.args;

import dev.turnstile.cli.ExitCode;

/** One-line meanings of the exit codes, for help texts. */
public final class ExitCodes {

    private ExitCodes() {}

    /** What an exit code means. */
    public static String meaning(ExitCode code) {
        return switch (code) {
            case OK -> "success";
            case USAGE -> "usage error (unknown command or option, missing or invalid value)";
            case TURN_STOPPED -> "the turn stopped (cancelled, budget or rounds exhausted, model failure)";
            case REPLAY_DIVERGED -> "replay divergence (this build returns other effects than recorded)";
            case IO_ERROR -> "IO or store error (unreadable, corrupt or locked journal; network setup; other failure)";
        };
    }
}
