package dev.turnstile.netty.server;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens mapped to callers, loaded from a JSON file:
 *
 * <pre>{@code
 * {
 *   "tokens": [
 *     {"token": "a-long-random-secret", "tenant": "acme", "principal": "alice"},
 *     {"token_sha256": "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
 *      "tenant": "acme", "principal": "ci-bot"}
 *   ]
 * }
 * }</pre>
 *
 * A token is given either in clear ({@code token}, at least 8 characters) or as the lower-case hex
 * SHA-256 of its UTF-8 bytes ({@code token_sha256}), so the file need not hold secrets. Presented
 * tokens are hashed before the lookup, so the lookup never compares secrets character by character.
 * Tokens never appear in error messages or logs.
 */
public final class TokenRegistry {

    private static final int MIN_TOKEN_CHARS = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Caller> callersByTokenHash;

    private TokenRegistry(Map<String, Caller> callersByTokenHash) {
        this.callersByTokenHash = Map.copyOf(callersByTokenHash);
    }

    /** A registry of clear-text tokens (for tests and embedding). */
    public static TokenRegistry of(Map<String, Caller> callersByToken) {
        HashMap<String, Caller> byHash = new HashMap<>();
        callersByToken.forEach((token, caller) -> {
            requireUsable(token);
            byHash.put(sha256Hex(token), Objects.requireNonNull(caller, "caller"));
        });
        return new TokenRegistry(byHash);
    }

    /**
     * Loads the JSON file described above.
     *
     * @throws IllegalArgumentException naming the file and the entry at fault
     * @throws UncheckedIOException if the file cannot be read
     */
    public static TokenRegistry load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON format described above. */
    public static TokenRegistry parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode tokens = root == null ? null : root.get("tokens");
        if (tokens == null || !tokens.isArray()) {
            throw new IllegalArgumentException("expected an object with a \"tokens\" array");
        }
        HashMap<String, Caller> byHash = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            JsonNode entry = tokens.get(i);
            String where = "tokens[" + i + "]";
            String tenant = entry.path("tenant").asString("");
            String principal = entry.path("principal").asString("");
            if (tenant.isBlank() || principal.isBlank()) {
                throw new IllegalArgumentException(where + ": \"tenant\" and \"principal\" are required");
            }
            String hash = hashOf(entry, where);
            if (byHash.put(hash, new Caller(tenant, principal)) != null) {
                throw new IllegalArgumentException(where + ": the same token is listed twice");
            }
        }
        return new TokenRegistry(byHash);
    }

    private static String hashOf(JsonNode entry, String where) {
        JsonNode clear = entry.get("token");
        JsonNode hashed = entry.get("token_sha256");
        if ((clear == null) == (hashed == null)) {
            throw new IllegalArgumentException(where + ": give exactly one of \"token\" and \"token_sha256\"");
        }
        if (clear != null) {
            if (!clear.isString()) {
                throw new IllegalArgumentException(where + ": \"token\" must be a string");
            }
            requireUsable(clear.asString());
            return sha256Hex(clear.asString());
        }
        String hex = hashed.asString("").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(where + ": \"token_sha256\" must be 64 hex digits");
        }
        return hex;
    }

    private static void requireUsable(String token) {
        if (token.length() < MIN_TOKEN_CHARS || token.isBlank()) {
            throw new IllegalArgumentException("tokens must have at least " + MIN_TOKEN_CHARS + " characters");
        }
    }

    /** The caller a presented token belongs to. */
    public Option<Caller> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Option.none();
        }
        return Option.of(callersByTokenHash.get(sha256Hex(token)));
    }

    /** How many tokens are registered. */
    public int size() {
        return callersByTokenHash.size();
    }

    /** The lower-case hex SHA-256 of a token's UTF-8 bytes, the form {@code token_sha256} takes. */
    public static String sha256Hex(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "TokenRegistry[" + callersByTokenHash.size() + " tokens]";
    }
}
