package dev.turnstile.host.tools;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson mapper tools bind arguments and write outputs with, and the helpers around it. */
final class ToolJson {

    /**
     * Unknown properties are refused by {@link ArgumentChecker} with a clear message before Jackson
     * runs, so Jackson itself need not fail on them; floats keep their exact digits for BigDecimal.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ToolJson() {}

    /** The names Jackson writes (and so reads) for the constants of an enum, in declaration order. */
    static List<String> enumNames(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            JsonNode written = MAPPER.valueToTree(constant);
            if (!written.isString()) {
                throw new IllegalArgumentException("enum " + enumType.getSimpleName()
                        + " is not written as a JSON string by Jackson, so it cannot be a tool argument");
            }
            names.add(written.asString());
        }
        return names;
    }

    /** The tool output for a return value: a String as is, null as empty, anything else as JSON. */
    static String output(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("the tool's result of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses the model's argument text, which must be a JSON object. */
    static JsonNode parseArguments(String toolName, String argumentsJson) {
        JsonNode node;
        try {
            node = MAPPER.readTree(argumentsJson.isBlank() ? "{}" : argumentsJson);
        } catch (JacksonException e) {
            throw new dev.turnstile.host.ToolArgumentsException("arguments of tool \"" + toolName
                    + "\" are not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new dev.turnstile.host.ToolArgumentsException("arguments of tool \"" + toolName
                    + "\" must be a JSON object, got: " + ArgumentChecker.describe(node));
        }
        return node;
    }
}
