package dev.turnstile.netty.http;

import java.util.Objects;

/**
 * An API key held so that it cannot leak by accident: it only goes into the request's authentication
 * header, {@link #toString()} is redacted, and {@link #redact} removes it from provider error text
 * that echoes it, so a key never ends up in a log line, a failure message or an event.
 */
final class ApiKey {

    static final ApiKey NONE = new ApiKey("");
    private static final String REDACTED = "[redacted]";

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    static ApiKey of(String value) {
        Objects.requireNonNull(value, "apiKey");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank; leave it unset for servers without keys");
        }
        return new ApiKey(value.strip());
    }

    /** The key in environment variable {@code variable}, read now; the error names the variable, never a value. */
    static ApiKey fromEnvironment(String variable) {
        String value = System.getenv(Objects.requireNonNull(variable, "variable"));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set; it should hold the API key");
        }
        return new ApiKey(value.strip());
    }

    /** The key itself, for the one header that carries it. */
    String reveal() {
        return value;
    }

    boolean isEmpty() {
        return value.isEmpty();
    }

    /** {@code text} with every occurrence of the key replaced. */
    String redact(String text) {
        return value.isEmpty() ? text : text.replace(value, REDACTED);
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : REDACTED;
    }
}
