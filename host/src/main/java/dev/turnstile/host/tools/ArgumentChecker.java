package dev.turnstile.host.tools;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks the model's arguments against the {@link ParamType}s of a tool before Jackson binds them, so
 * that every mismatch is reported with its JSON path in words a model can act on ({@code $.order.qty:
 * expected an integer, got a string ("3")}) rather than as a Jackson stack trace. Lists a few
 * problems at once, so the model can fix them in one go.
 */
final class ArgumentChecker {

    private static final int MAX_ERRORS = 8;
    private static final int MAX_QUOTED_CHARS = 40;

    private ArgumentChecker() {}

    /** The problems of {@code arguments} (a JSON object) against {@code properties}, empty when it fits. */
    static List<String> check(JsonNode arguments, List<ParamType.Property> properties) {
        List<String> errors = new ArrayList<>();
        checkObject(arguments, properties, "$", errors);
        return errors;
    }

    private static void checkObject(JsonNode object, List<ParamType.Property> properties, String path,
            List<String> errors) {
        Set<String> known = new LinkedHashSet<>();
        for (ParamType.Property property : properties) {
            known.add(property.name());
            JsonNode value = object.get(property.name());
            String at = path + "." + property.name();
            if (value == null || (value.isNull() && !property.required())) {
                if (property.required()) {
                    add(errors, at + ": required but missing");
                }
                continue;
            }
            checkValue(value, property.type(), at, errors);
        }
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                add(errors, path + "." + name + ": unknown property; expected "
                        + (known.isEmpty() ? "no properties" : "one of: " + String.join(", ", known)));
            }
        }
    }

    private static void checkValue(JsonNode value, ParamType type, String path, List<String> errors) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        switch (type) {
            case ParamType.StringType t -> expect(value.isString(), "a string", value, path, errors);
            case ParamType.BooleanType t -> expect(value.isBoolean(), "a boolean", value, path, errors);
            case ParamType.NumberType t -> expect(value.isNumber(), "a number", value, path, errors);
            case ParamType.IntegerType t -> checkInteger(value, t, path, errors);
            case ParamType.EnumType t -> checkEnum(value, t, path, errors);
            case ParamType.ArrayType t -> {
                if (expect(value.isArray(), "an array", value, path, errors)) {
                    for (int i = 0; i < value.size(); i++) {
                        checkValue(value.get(i), t.items(), path + "[" + i + "]", errors);
                    }
                }
            }
            case ParamType.ObjectType t -> {
                if (expect(value.isObject(), "an object (" + t.javaName() + ")", value, path, errors)) {
                    checkObject(value, t.properties(), path, errors);
                }
            }
        }
    }

    private static void checkInteger(JsonNode value, ParamType.IntegerType type, String path, List<String> errors) {
        BigInteger integer = integerValue(value);
        if (integer == null) {
            add(errors, path + ": expected an integer, got " + describe(value));
            return;
        }
        boolean tooSmall = type.min() != null && integer.compareTo(BigInteger.valueOf(type.min())) < 0;
        boolean tooLarge = type.max() != null && integer.compareTo(BigInteger.valueOf(type.max())) > 0;
        if (tooSmall || tooLarge) {
            add(errors, path + ": " + integer + " is out of range for " + type.javaName() + " (" + type.min()
                    + ".." + type.max() + ")");
        }
    }

    // 3.0 counts as the integer 3, as JSON Schema's "integer" does; 3.5 does not.
    private static BigInteger integerValue(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isFloatingPointNumber()) {
            try {
                return value.decimalValue().toBigIntegerExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static void checkEnum(JsonNode value, ParamType.EnumType type, String path, List<String> errors) {
        if (!expect(value.isString(), "one of " + String.join(", ", type.values()), value, path, errors)) {
            return;
        }
        if (!type.values().contains(value.asString())) {
            add(errors, path + ": unknown value " + quote(value.asString()) + " for " + type.javaName()
                    + "; expected one of: " + String.join(", ", type.values()));
        }
    }

    private static boolean expect(boolean ok, String expected, JsonNode value, String path, List<String> errors) {
        if (!ok) {
            add(errors, path + ": expected " + expected + ", got " + describe(value));
        }
        return ok;
    }

    private static void add(List<String> errors, String error) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    /** What a JSON value is, in words, with a short quote of scalars. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return "a string (" + quote(value.asString()) + ")";
        }
        if (value.isBoolean()) {
            return "a boolean (" + value.booleanValue() + ")";
        }
        if (value.isNumber()) {
            return "a number (" + value + ")";
        }
        return value.isArray() ? "an array" : "an object";
    }

    private static String quote(String text) {
        String cut = text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "…" : text;
        return "\"" + cut + "\"";
    }
}
