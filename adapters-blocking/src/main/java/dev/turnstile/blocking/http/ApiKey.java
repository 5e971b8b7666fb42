package dev.turnstile.blocking.http;

import java.util.Objects;
import java.util.function.Function;

/**
 * A provider API key. Its value is only ever put into the request's authentication header: it is
 * never logged, never part of an exception or failure message (provider error bodies that echo it are
 * redacted), and {@link #toString()} shows only where it came from.
 */
public final class ApiKey {

    private static final String REDACTED = "[redacted]";

    private final String secret;
    private final String source;

    private ApiKey(String secret, String source) {
        this.secret = secret;
        this.source = source;
    }

    /** A key given directly, e.g. read from a secret store. */
    public static ApiKey of(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank; use ApiKey.none() for servers without keys");
        }
        return new ApiKey(secret.strip(), "configured");
    }

    /**
     * The key in environment variable {@code variable}, read now.
     *
     * @throws IllegalStateException naming the variable (never a value) when it is unset or blank
     */
    public static ApiKey fromEnvironment(String variable) {
        return fromEnvironment(variable, System::getenv);
    }

    /** The key in {@code variable} of the given environment (for tests and custom secret lookups). */
    public static ApiKey fromEnvironment(String variable, Function<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set; it should hold the API key");
        }
        return new ApiKey(value.strip(), "environment variable " + variable);
    }

    /** No key: for local servers (Ollama, vLLM, llama.cpp, LM Studio) that need none. */
    public static ApiKey none() {
        return new ApiKey("", "none");
    }

    /** Whether there is a key to send. */
    public boolean isPresent() {
        return !secret.isEmpty();
    }

    /** The value, for the authentication header only. */
    String reveal() {
        return secret;
    }

    /** {@code text} with every occurrence of the key replaced by {@code [redacted]}. */
    public String redact(String text) {
        return secret.isEmpty() || text == null ? text : text.replace(secret, REDACTED);
    }

    /** Where the key came from, never its value. */
    @Override
    public String toString() {
        return "ApiKey[" + source + (isPresent() ? ", value redacted" : "") + "]";
    }
}
