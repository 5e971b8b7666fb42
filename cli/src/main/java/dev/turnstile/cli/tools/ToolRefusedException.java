package dev.turnstile.cli.tools;

/**
 * A built-in tool refused a call: a path outside its sandbox, an expression it cannot evaluate. The
 * message is what the model is told (as an error result), so it says what was wrong and what is allowed.
 */
public final class ToolRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ToolRefusedException(String message) {
        super(message);
    }
}
