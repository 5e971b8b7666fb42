package dev.turnstile.host.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Session ids become file names, so only ids that are safe as a single path element on every
 * common file system are accepted: no separators, no {@code ..}, no hidden files.
 */
final class SessionIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int SHOWN_CHARS = 64;

    private SessionIds() {}

    /** Returns the id if it is safe, else throws {@link IllegalArgumentException}. */
    static String requireValid(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!isValid(sessionId)) {
            throw new IllegalArgumentException("invalid session id \"" + printable(sessionId)
                    + "\": use 1 to 128 characters from [A-Za-z0-9._-], not starting with '.'");
        }
        return sessionId;
    }

    /** Whether a directory entry can be a session id, used to skip foreign entries. */
    static boolean isValid(String sessionId) {
        return SAFE.matcher(sessionId).matches() && sessionId.charAt(0) != '.';
    }

    // A hostile id may carry control characters or be huge; keep it from garbling logs.
    private static String printable(String id) {
        StringBuilder shown = new StringBuilder();
        id.codePoints().limit(SHOWN_CHARS).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return id.codePointCount(0, id.length()) > SHOWN_CHARS ? shown + "…" : shown.toString();
    }
}
