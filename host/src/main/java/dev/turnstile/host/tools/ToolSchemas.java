package dev.turnstile.host.tools;

import dev.turnstile.model.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the JSON schema of a tool's arguments from its {@link ParamType}s. Keys come in a fixed order
 * ({@code type}, {@code description}, then {@code enum}, {@code items} or {@code properties},
 * {@code required}, {@code additionalProperties}), so a tool's schema, and with it the journal header
 * that records it, is the same on every run. Objects refuse unknown properties, matching
 * {@link ArgumentChecker}: a misspelt optional argument is reported rather than silently dropped.
 */
final class ToolSchemas {

    private ToolSchemas() {}

    /** The schema of an arguments object with these properties. */
    static Json argumentsSchema(List<ParamType.Property> properties) {
        return Json.parse(objectSchema(properties, "").toString());
    }

    private static ObjectNode objectSchema(List<ParamType.Property> properties, String description) {
        ObjectNode schema = ToolJson.MAPPER.createObjectNode();
        schema.put("type", "object");
        describe(schema, description);
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = ToolJson.MAPPER.createArrayNode();
        for (ParamType.Property property : properties) {
            props.set(property.name(), valueSchema(property.type(), property.description()));
            if (property.required()) {
                required.add(property.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode valueSchema(ParamType type, String description) {
        return switch (type) {
            case ParamType.StringType t -> scalar("string", description);
            case ParamType.BooleanType t -> scalar("boolean", description);
            case ParamType.IntegerType t -> scalar("integer", description);
            case ParamType.NumberType t -> scalar("number", description);
            case ParamType.EnumType t -> {
                ObjectNode schema = scalar("string", description);
                ArrayNode values = schema.putArray("enum");
                t.values().forEach(values::add);
                yield schema;
            }
            case ParamType.ArrayType t -> {
                ObjectNode schema = scalar("array", description);
                schema.set("items", valueSchema(t.items(), ""));
                yield schema;
            }
            case ParamType.ObjectType t -> objectSchema(t.properties(), description);
        };
    }

    private static ObjectNode scalar(String jsonType, String description) {
        ObjectNode schema = ToolJson.MAPPER.createObjectNode();
        schema.put("type", jsonType);
        describe(schema, description);
        return schema;
    }

    private static void describe(ObjectNode schema, String description) {
        if (!description.isEmpty()) {
            schema.put("description", description);
        }
    }
}
