package dev.turnstile.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Validates JSON values against the subset of JSON Schema that tool definitions use: {@code type}
 * (one or a list), {@code properties}, {@code required}, {@code additionalProperties} (boolean or
 * schema), {@code items}, {@code enum}, {@code const}, {@code minimum}/{@code maximum} and their
 * exclusive forms, {@code minLength}/{@code maxLength}, {@code pattern}, {@code minItems}/{@code
 * maxItems}, {@code anyOf}/{@code oneOf}/{@code allOf}, and {@code nullable}. Unknown keywords are
 * ignored, as JSON Schema requires, so a richer schema is never rejected, only checked less strictly.
 *
 * <p>Errors name the JSON path of the offending value so the model can correct its call.
 */
public final class JsonSchemaValidator {

    private static final int MAX_ERRORS = 8;

    private final JsonNode schema;

    /** Compiles a schema; the schema must be a JSON object. */
    public JsonSchemaValidator(Json schema) {
        this.schema = Objects.requireNonNull(schema, "schema").toTree();
        if (!this.schema.isObject()) {
            throw new IllegalArgumentException("a JSON schema must be an object, got: " + schema.text());
        }
    }

    /** The violations of {@code value}, empty when it is valid. At most a few are listed. */
    public List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>(2);
        check(schema, value, "$", errors);
        return errors;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (errors.size() >= MAX_ERRORS || !schema.isObject()) {
            return;
        }
        if (value.isNull() && schema.path("nullable").asBoolean(false)) {
            return;
        }
        if (!checkType(schema.get("type"), value, path, errors)) {
            return;
        }
        checkEnumAndConst(schema, value, path, errors);
        checkCombinators(schema, value, path, errors);
        if (value.isObject()) {
            checkObject(schema, value, path, errors);
        } else if (value.isArray()) {
            checkArray(schema, value, path, errors);
        } else if (value.isString()) {
            checkString(schema, value.asString(), path, errors);
        } else if (value.isNumber()) {
            checkNumber(schema, value.decimalValue(), path, errors);
        }
    }

    private static boolean checkType(JsonNode type, JsonNode value, String path, List<String> errors) {
        if (type == null) {
            return true;
        }
        if (type.isString()) {
            if (hasType(type.asString(), value)) {
                return true;
            }
        } else if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.isString() && hasType(t.asString(), value)) {
                    return true;
                }
            }
        } else {
            return true;
        }
        errors.add(path + ": expected " + type + ", got " + describe(value));
        return false;
    }

    private static boolean hasType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static void checkEnumAndConst(JsonNode schema, JsonNode value, String path, List<String> errors) {
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            boolean found = false;
            for (JsonNode option : allowed) {
                found |= sameValue(option, value);
            }
            if (!found) {
                errors.add(path + ": " + value + " is not one of " + allowed);
            }
        }
        JsonNode constant = schema.get("const");
        if (constant != null && !sameValue(constant, value)) {
            errors.add(path + ": expected the constant " + constant + ", got " + value);
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static void checkCombinators(JsonNode schema, JsonNode value, String path, List<String> errors) {
        JsonNode allOf = schema.get("allOf");
        if (allOf != null && allOf.isArray()) {
            for (JsonNode sub : allOf) {
                check(sub, value, path, errors);
            }
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && anyOf.isArray() && matchingCount(anyOf, value, path) == 0) {
            errors.add(path + ": matches none of the anyOf alternatives");
        }
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null && oneOf.isArray()) {
            int matches = matchingCount(oneOf, value, path);
            if (matches != 1) {
                errors.add(path + ": matches " + matches + " of the oneOf alternatives, expected exactly 1");
            }
        }
    }

    private static int matchingCount(JsonNode alternatives, JsonNode value, String path) {
        int count = 0;
        for (JsonNode sub : alternatives) {
            List<String> subErrors = new ArrayList<>(1);
            check(sub, value, path, subErrors);
            if (subErrors.isEmpty()) {
                count++;
            }
        }
        return count;
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> errors) {
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required) {
                if (name.isString() && !value.has(name.asString())) {
                    errors.add(path + ": missing required property \"" + name.asString() + "\"");
                }
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String childPath = path + "." + field.getKey();
            JsonNode propertySchema = properties.get(field.getKey());
            if (propertySchema != null) {
                check(propertySchema, field.getValue(), childPath, errors);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                errors.add(path + ": unexpected property \"" + field.getKey() + "\"");
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), childPath, errors);
            }
        }
    }

    private static void checkArray(JsonNode schema, JsonNode value, String path, List<String> errors) {
        long size = value.size();
        if (schema.has("minItems") && size < schema.get("minItems").asLong()) {
            errors.add(path + ": expected at least " + schema.get("minItems") + " items, got " + size);
        }
        if (schema.has("maxItems") && size > schema.get("maxItems").asLong()) {
            errors.add(path + ": expected at most " + schema.get("maxItems") + " items, got " + size);
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static void checkString(JsonNode schema, String value, String path, List<String> errors) {
        long length = value.codePointCount(0, value.length());
        if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
            errors.add(path + ": expected at least " + schema.get("minLength") + " characters, got " + length);
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
            errors.add(path + ": expected at most " + schema.get("maxLength") + " characters, got " + length);
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && pattern.isString()) {
            try {
                if (!Pattern.compile(pattern.asString()).matcher(value).find()) {
                    errors.add(path + ": does not match the pattern " + pattern);
                }
            } catch (PatternSyntaxException e) {
                // A schema with a pattern Java cannot compile is the author's problem, not the model's:
                // skip the keyword rather than fail every call.
            }
        }
    }

    private static void checkNumber(JsonNode schema, BigDecimal value, String path, List<String> errors) {
        bound(schema, "minimum", value, path, errors, c -> c >= 0, "at least");
        bound(schema, "maximum", value, path, errors, c -> c <= 0, "at most");
        bound(schema, "exclusiveMinimum", value, path, errors, c -> c > 0, "more than");
        bound(schema, "exclusiveMaximum", value, path, errors, c -> c < 0, "less than");
    }

    private static void bound(JsonNode schema, String keyword, BigDecimal value, String path, List<String> errors,
            java.util.function.IntPredicate ok, String words) {
        JsonNode limit = schema.get(keyword);
        if (limit != null && limit.isNumber() && !ok.test(value.compareTo(limit.decimalValue()))) {
            errors.add(path + ": expected " + words + " " + limit + ", got " + value.toPlainString());
        }
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "a string";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
