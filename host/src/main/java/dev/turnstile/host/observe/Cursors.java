package dev.turnstile.host.observe;

/**
 * Text form of cursors for APIs ({@code <sessionId>~<number>}), so that a cursor from one session
 * handed to another is refused rather than silently misread.
 */
public final class Cursors {

    private Cursors() {}

    /** The text form. */
    public static String format(String sessionId, long cursor) {
        return sessionId + "~" + cursor;
    }

    /**
     * Parses a cursor of {@code sessionId}; a plain non-negative number is accepted too.
     *
     * @throws IllegalArgumentException naming what is wrong: malformed, negative, or another session's
     */
    public static long parse(String sessionId, String text) {
        String number = text;
        int tilde = text.lastIndexOf('~');
        if (tilde >= 0) {
            String owner = text.substring(0, tilde);
            if (!owner.equals(sessionId)) {
                throw new IllegalArgumentException("cursor \"" + text + "\" belongs to another session, not \"" + sessionId + "\"");
            }
            number = text.substring(tilde + 1);
        }
        try {
            long value = Long.parseLong(number);
            if (value < 0) {
                throw new IllegalArgumentException("cursor \"" + text + "\" is negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed cursor \"" + text + "\": expected <session>~<number>");
        }
    }
}
