package dev.turnstile.codec;

import java.util.Objects;

/**
 * A document could not be decoded: it is not JSON, a required field is missing, a value has the
 * wrong type or an unknown {@code "type"} tag, a record's own validation refused the values, or the
 * document was written by a newer Turnstile.
 *
 * <p>The message names the JSON path of the offending value, for example
 * {@code $.phase.slots[2].state.type: unknown type "foo"}; {@link #path()} returns the path alone.
 * Decoding throws nothing else for any input string.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * A problem with the value at {@code path}; the message is {@code path + ": " + detail}.
     *
     * @param path the JSON path of the offending value, {@code $} for the whole document
     * @param detail what is wrong there
     */
    public CodecException(String path, String detail) {
        this(path, detail, null);
    }

    /**
     * As {@link #CodecException(String, String)}, keeping the exception that revealed the problem.
     *
     * @param path the JSON path of the offending value, {@code $} for the whole document
     * @param detail what is wrong there
     * @param cause the exception that revealed it, or null
     */
    public CodecException(String path, String detail, Throwable cause) {
        super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.path = path;
    }

    private CodecException(Throwable cause, String path, String message) {
        super(message, cause);
        this.path = path;
    }

    /** A refusal of the whole document whose message reads best without a path prefix. */
    static CodecException refusal(String path, String message) {
        return new CodecException(null, path, message);
    }

    /** The JSON path of the offending value, in the form {@code $.field.list[3].field}; {@code $} is the root. */
    public String path() {
        return path;
    }
}
