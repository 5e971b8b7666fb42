package dev.turnstile.host.store;

/**
 * A stored line failed validation. Checked and internal: the caller decides whether the line is a
 * torn tail, corruption, or a checkpoint to skip, and turns the reason into the public outcome.
 */
final class MalformedLineException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedLineException(String reason) {
        super(reason, null, false, false);
    }

    /** What is wrong with the line, phrased for an operator. */
    String reason() {
        return getMessage();
    }
}
