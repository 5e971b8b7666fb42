package dev.turnstile.host;

/** The session was closed (or failed); it accepts no more input. */
public final class SessionClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public SessionClosedException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public SessionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
