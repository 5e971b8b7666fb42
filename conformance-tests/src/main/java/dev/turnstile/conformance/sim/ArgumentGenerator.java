package dev.turnstile.conformance.sim;

import dev.turnstile.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Draws tool arguments from a tool's JSON schema, so the simulated model can call the tools of any
 * config: valid arguments (types, required properties, string lengths, numeric bounds, enums, const,
 * nested objects and arrays), schema violations, and malformed text. Keywords it does not model
 * ({@code pattern}, {@code oneOf}…) may make "valid" arguments invalid; the machine then answers the
 * call with an error result, which is a fine thing to simulate too.
 */
final class ArgumentGenerator {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALPHABET = "abcdefghij klmnop/._-\"\\é€😀\n";
    /** Parsed schemas, read-only once parsed: a schema is parsed once, not once per call. */
    private static final Map<Json, JsonNode> TREES = new ConcurrentHashMap<>();

    private ArgumentGenerator() {}

    /** Arguments meant to satisfy {@code schema}. */
    static String valid(Json schema, Dice dice) {
        return MAPPER.writeValueAsString(value(tree(schema), dice, 0));
    }

    /** Well-formed JSON that breaks {@code schema}: a missing, mistyped or unexpected property. */
    static String violation(Json schema, Dice dice) {
        JsonNode tree = tree(schema);
        JsonNode generated = value(tree, dice, 0);
        if (!(generated instanceof ObjectNode args)) {
            return "[]";
        }
        List<String> required = new ArrayList<>();
        tree.path("required").forEach(n -> required.add(n.asString()));
        List<String> typed = new ArrayList<>();
        tree.path("properties").properties().forEach(e -> {
            if (e.getValue().has("type") || e.getValue().has("enum")) {
                typed.add(e.getKey());
            }
        });
        int how = dice.between(0, 2);
        if (how == 0 && !required.isEmpty()) {
            args.remove(dice.pick(required));
        } else if (how == 1 && !typed.isEmpty()) {
            String name = dice.pick(typed);
            JsonNode property = tree.path("properties").path(name);
            args.set(name, "string".equals(property.path("type").asString("")) || property.has("enum")
                    ? NODES.arrayNode() : NODES.stringNode("wrong type"));
        } else if (tree.path("additionalProperties").isBoolean() && !tree.path("additionalProperties").asBoolean()) {
            args.put("unexpected_" + dice.between(0, 9), true);
        } else {
            return "[\"not\", \"an\", \"object\"]";
        }
        return MAPPER.writeValueAsString(args);
    }

    /** Text a sloppy model might produce instead of arguments. */
    static String malformed(Dice dice) {
        return dice.pick(List.of("{\"query\":", "{'a': 1}", "{\"a\":1}}", "{\"a\":1,}", "not json at all",
                "{\"unterminated\":\"\\u12", "{\"a\" 1}"));
    }

    private static JsonNode tree(Json schema) {
        return TREES.computeIfAbsent(schema, Json::toTree);
    }

    private static JsonNode value(JsonNode schema, Dice dice, int depth) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
            JsonNode options = schema.get("enum");
            return options.get(dice.between(0, options.size() - 1));
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() && !type.isEmpty() ? type.get(0).asString("") : type.asString("");
        if (kind.isEmpty() && schema.has("properties")) {
            kind = "object";
        }
        return switch (kind) {
            case "object" -> object(schema, dice, depth);
            case "array" -> array(schema, dice, depth);
            case "string" -> NODES.stringNode(text(dice, schema.path("minLength").asInt(0),
                    schema.path("maxLength").asInt(20)));
            case "integer" -> NODES.numberNode(dice.between(schema.path("minimum").asLong(-100),
                    schema.path("maximum").asLong(100)));
            case "number" -> NODES.numberNode(dice.between(schema.path("minimum").asLong(-100),
                    schema.path("maximum").asLong(100)) / 2.0);
            case "boolean" -> NODES.booleanNode(dice.chance(0.5));
            case "null" -> NODES.nullNode();
            default -> NODES.stringNode(text(dice, 1, 8));
        };
    }

    private static ObjectNode object(JsonNode schema, Dice dice, int depth) {
        ObjectNode out = NODES.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asString()));
        schema.path("properties").properties().forEach(e -> {
            if (required.contains(e.getKey()) || (depth < 3 && dice.chance(0.5))) {
                out.set(e.getKey(), value(e.getValue(), dice, depth + 1));
            }
        });
        return out;
    }

    private static ArrayNode array(JsonNode schema, Dice dice, int depth) {
        ArrayNode out = NODES.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int count = depth < 3 ? dice.between(min, Math.max(min, Math.min(schema.path("maxItems").asInt(3), min + 3)))
                : min;
        for (int i = 0; i < count; i++) {
            out.add(value(schema.path("items"), dice, depth + 1));
        }
        return out;
    }

    private static String text(Dice dice, int minLength, int maxLength) {
        int length = dice.between(minLength, Math.max(minLength, Math.min(maxLength, minLength + 24)));
        StringBuilder out = new StringBuilder();
        int letters = ALPHABET.codePointCount(0, ALPHABET.length());
        while (out.codePointCount(0, out.length()) < length) {
            out.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, dice.between(0, letters - 1))));
        }
        return out.toString();
    }
}
