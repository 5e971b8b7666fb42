package dev.turnstile.model;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An immutable JSON value held as its canonical compact text.
 *
 * <p>Equality is text equality of the canonical form: whitespace is removed, key order is kept as
 * written (JSON schemas and tool arguments are compared as the model or author wrote them, so
 * reordering keys is a different value), numbers keep their exact decimal digits. Holding text
 * rather than a mutable tree keeps the value immutable, cheap to compare and hash, and stable
 * across JVMs.
 */
public record Json(String text) {

    /** The empty JSON object, {@code {}}. */
    public static final Json EMPTY_OBJECT = new Json("{}");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Creates a value from text that must already be canonical; use {@link #parse} for any other text. */
    public Json {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses JSON text into its canonical form.
     *
     * @throws InvalidJsonException if the text is not one complete JSON value
     */
    public static Json parse(String text) {
        return new Json(MAPPER.writeValueAsString(tree(text)));
    }

    /**
     * Parses JSON text into a Jackson tree, for code that must inspect it (schema validation, codecs).
     * The returned tree is a fresh copy; mutating it does not affect any {@code Json} value.
     *
     * @throws InvalidJsonException if the text is not one complete JSON value
     */
    public static JsonNode tree(String text) {
        Objects.requireNonNull(text, "text");
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidJsonException("empty input, expected a JSON value");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        }
    }

    /** Canonical value of a Jackson tree. */
    public static Json of(JsonNode node) {
        return new Json(MAPPER.writeValueAsString(node));
    }

    /** A JSON string value holding {@code s}, properly escaped. */
    public static Json string(String s) {
        return new Json(MAPPER.writeValueAsString(s));
    }

    /** This value as a fresh Jackson tree. */
    public JsonNode toTree() {
        return tree(text);
    }

    /** Whether this value is a JSON object. */
    public boolean isObject() {
        return text.startsWith("{");
    }

    @Override
    public String toString() {
        return text;
    }

    /** Text that is not one complete JSON value; the message says where and why. */
    public static final class InvalidJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception with a parser message. */
        public InvalidJsonException(String message) {
            super(message);
        }
    }
}
