package dev.turnstile.host.store;

/**
 * A journal or checkpoint store refused an operation because of what is stored (as opposed to
 * {@link IllegalArgumentException} for bad arguments, {@link IllegalStateException} for misuse
 * such as a closed journal, and {@link java.io.UncheckedIOException} for failing storage).
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what was refused and why
     */
    public StoreException(String message) {
        super(message);
    }
}
