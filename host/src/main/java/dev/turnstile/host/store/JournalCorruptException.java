package dev.turnstile.host.store;

import java.nio.file.Path;

/**
 * A stored line is damaged somewhere other than at the very end of its file, so it cannot be the
 * torn tail of an interrupted append. The store never skips or truncates such a line: an operator
 * has to look at it. The message reads {@code <file>: line <n>: <reason>}.
 */
public final class JournalCorruptException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The 1-based number of the damaged line. */
    private final long lineNumber;
    /** What is wrong with the line. */
    private final String reason;

    /**
     * Creates an exception.
     *
     * @param file the damaged file
     * @param lineNumber the 1-based number of the damaged line (the header is line 1)
     * @param reason what is wrong with the line
     */
    public JournalCorruptException(Path file, long lineNumber, String reason) {
        super(file + ": line " + lineNumber + ": " + reason);
        this.file = file;
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    /**
     * The damaged file.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * The damaged line.
     *
     * @return its 1-based number; the header is line 1
     */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * What is wrong with the line.
     *
     * @return a human-readable reason
     */
    public String reason() {
        return reason;
    }
}
