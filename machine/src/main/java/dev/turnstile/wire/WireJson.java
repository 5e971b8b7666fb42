package dev.turnstile.wire;

import io.vavr.control.Option;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON helpers shared by the provider codecs. Public only so the provider packages can use it; not
 * meant for callers outside {@code dev.turnstile.wire}.
 *
 * <p>The mapper reads floats as {@code BigDecimal} (like {@link dev.turnstile.model.Json}), so tool
 * arguments taken from a response keep their exact digits and canonicalise identically whether they
 * came streamed as text or whole as a tree.
 */
public final class WireJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WireJson() {}

    /** Parses one JSON value; none when the text is not exactly one JSON value. */
    public static Option<JsonNode> parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Option.none() : Option.some(node);
        } catch (JacksonException e) {
            return Option.none();
        }
    }

    /** Parses one JSON object; none for any other value or for text that is not JSON. */
    public static Option<JsonNode> parseObject(String text) {
        return parse(text).filter(JsonNode::isObject);
    }

    /** A new empty object node whose keys keep insertion order. */
    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** A new empty array node. */
    public static ArrayNode newArray() {
        return MAPPER.createArrayNode();
    }

    /** Compact JSON text of a tree, keys in insertion order. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** The string value of {@code parent.field}; none when absent, null or not a string. */
    public static Option<String> string(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isString() ? Option.some(node.stringValue()) : Option.none();
    }

    /** The string value of {@code parent.field}, or "" when absent, null or not a string. */
    public static String stringOrEmpty(JsonNode parent, String field) {
        return string(parent, field).getOrElse("");
    }

    /** A token count: {@code parent.field} as a non-negative integer, 0 when absent or malformed. */
    public static long count(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            return 0;
        }
        return Math.max(0, node.longValue());
    }

    /** The elements of the array {@code parent.field}; empty when absent or not an array. */
    public static Iterable<JsonNode> elements(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isArray() ? node : List.of();
    }

    /** Whether {@code parent.field} is present and not JSON null. */
    public static boolean present(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && !node.isNull();
    }
}
