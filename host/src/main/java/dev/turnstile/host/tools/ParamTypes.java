package dev.turnstile.host.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Derives {@link ParamType}s from Java types by reflection. Unsupported types are refused when the tool
 * is built, with a message naming the parameter, never when the model calls it.
 */
final class ParamTypes {

    private ParamTypes() {}

    /**
     * The property for a value of {@code type} named {@code name}; an {@code Optional<T>} makes it not
     * required.
     *
     * @param where names the value for error messages, e.g. {@code parameter "unit" of Weather.temperature}
     */
    static ParamType.Property property(String name, String description, Type type, String where) {
        return property(name, description, type, where, new ArrayDeque<>());
    }

    private static ParamType.Property property(String name, String description, Type type, String where,
            Deque<Class<?>> enclosing) {
        if (rawClass(type) == Optional.class) {
            Type inner = typeArgument(type, where);
            if (rawClass(inner) == Optional.class) {
                throw unsupported(where, type, "Optional<Optional<…>> means nothing more than Optional<…>");
            }
            return new ParamType.Property(name, description, of(inner, where, enclosing), false);
        }
        return new ParamType.Property(name, description, of(type, where, enclosing), true);
    }

    private static ParamType of(Type type, String where, Deque<Class<?>> enclosing) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            throw unsupported(where, type, "type variables and wildcards cannot be bound");
        }
        if (raw == String.class) {
            return new ParamType.StringType();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new ParamType.BooleanType();
        }
        ParamType integer = integerType(raw);
        if (integer != null) {
            return integer;
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class) {
            return new ParamType.NumberType();
        }
        if (raw.isEnum()) {
            return new ParamType.EnumType(raw.getSimpleName(), ToolJson.enumNames(raw));
        }
        if (raw == List.class) {
            Type item = typeArgument(type, where);
            if (rawClass(item) == Optional.class) {
                throw unsupported(where, type, "a list cannot hold Optional values");
            }
            return new ParamType.ArrayType(of(item, where, enclosing));
        }
        if (raw == Optional.class) {
            throw unsupported(where, type, "Optional is only allowed for a whole parameter or record component");
        }
        if (raw.isRecord()) {
            return record(raw, where, enclosing);
        }
        throw unsupported(where, type, "use String, boolean, a number type, an enum, a record, List<T> or Optional<T>");
    }

    private static ParamType integerType(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return new ParamType.IntegerType("int", (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
        }
        if (raw == long.class || raw == Long.class) {
            return new ParamType.IntegerType("long", Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (raw == short.class || raw == Short.class) {
            return new ParamType.IntegerType("short", (long) Short.MIN_VALUE, (long) Short.MAX_VALUE);
        }
        if (raw == byte.class || raw == Byte.class) {
            return new ParamType.IntegerType("byte", (long) Byte.MIN_VALUE, (long) Byte.MAX_VALUE);
        }
        if (raw == BigInteger.class) {
            return new ParamType.IntegerType("BigInteger", null, null);
        }
        return null;
    }

    private static ParamType record(Class<?> raw, String where, Deque<Class<?>> enclosing) {
        if (enclosing.contains(raw)) {
            throw unsupported(where, raw, "record " + raw.getSimpleName() + " contains itself; recursive types"
                    + " have no finite schema");
        }
        enclosing.push(raw);
        List<ParamType.Property> properties = new ArrayList<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            String name = componentName(component);
            Param param = component.getAnnotation(Param.class);
            if (param != null && !param.name().isEmpty() && !param.name().equals(name)) {
                throw new IllegalArgumentException("@Param(name = \"" + param.name() + "\") on record component "
                        + raw.getSimpleName() + "." + component.getName() + " would not be what Jackson binds (\""
                        + name + "\"); rename the component, or use @JsonProperty to rename both");
            }
            String description = param == null ? "" : param.description();
            properties.add(property(name, description, component.getGenericType(),
                    "component " + raw.getSimpleName() + "." + component.getName() + " of " + where, enclosing));
        }
        enclosing.pop();
        return new ParamType.ObjectType(raw.getSimpleName(), properties);
    }

    // Jackson binds a record component under its @JsonProperty name when it has one.
    private static String componentName(RecordComponent component) {
        JsonProperty renamed = component.getAnnotation(JsonProperty.class);
        if (renamed == null) {
            renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Type typeArgument(Type type, String where) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[0];
        }
        throw unsupported(where, type, "give the raw type its type argument, e.g. List<String>");
    }

    private static IllegalArgumentException unsupported(String where, Type type, String hint) {
        return new IllegalArgumentException("unsupported type " + type.getTypeName() + " for " + where + ": " + hint);
    }
}
