package dev.turnstile.conformance.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps credentials out of recorded requests, so test logs and assertion messages never show an
 * API key. Only a SHA-256 digest of each secret value is kept, to let a test check which key was
 * sent without storing it.
 */
final class Redaction {

    /** What a recorded secret header value is replaced by. */
    static final String REDACTED = "REDACTED";

    /** Headers that carry credentials: OpenAI and Anthropic keys, Azure keys, proxies. */
    static final List<String> SECRET_HEADERS = List.of("authorization", "proxy-authorization", "x-api-key", "api-key");

    private Redaction() {}

    static boolean isSecret(String headerName) {
        return SECRET_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }

    static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
