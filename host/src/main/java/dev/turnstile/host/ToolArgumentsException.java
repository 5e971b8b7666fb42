package dev.turnstile.host;

/** The model's arguments could not be bound to the tool's parameters; the message says which and why. */
public final class ToolArgumentsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ToolArgumentsException(String message) {
        super(message);
    }
}
