package dev.turnstile.conformance.provider;

import java.util.Objects;

/**
 * One HTTP header line: a name and a value, as sent or received. Names keep the case they were
 * written with; every lookup in this kit compares names case-insensitively.
 *
 * @param name  the header name, an HTTP token (no spaces, no colon)
 * @param value the header value, without surrounding whitespace
 */
public record Header(String name, String value) {

    /** Checks that the header can be written on the wire as one line. */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HttpTokens.isToken(name)) {
            throw new IllegalArgumentException("header name is not an HTTP token: '" + name + "'");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("header value of '" + name + "' contains CR, LF or NUL");
        }
    }

    /** Whether this header has the given name, ignoring case. */
    public boolean hasName(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }
}
