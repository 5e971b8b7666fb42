package dev.turnstile.host.tools;

import dev.turnstile.host.ToolArgumentsException;
import dev.turnstile.host.ToolInvocation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds the model's argument JSON to the parameters of one {@link ToolMethod}: checks it against the
 * parameters' {@link ParamType}s, then lets Jackson build the values (records through their canonical
 * constructors). Every failure is a {@link ToolArgumentsException} naming the JSON path.
 */
final class MethodBinder {

    /** What fills one parameter: the invocation itself, or a named argument. */
    private sealed interface Slot {
        record Invocation() implements Slot {}

        record Argument(ParamType.Property property, JavaType javaType) implements Slot {}
    }

    private final String toolName;
    private final List<Slot> slots;
    private final List<ParamType.Property> properties;

    MethodBinder(String toolName, Method method) {
        this.toolName = toolName;
        this.slots = new ArrayList<>();
        this.properties = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            Slot slot = slotFor(method, parameter);
            slots.add(slot);
            if (slot instanceof Slot.Argument argument) {
                if (properties.stream().anyMatch(p -> p.name().equals(argument.property().name()))) {
                    throw new IllegalArgumentException("two parameters of " + describe(method) + " are named \""
                            + argument.property().name() + "\"");
                }
                properties.add(argument.property());
            }
        }
    }

    /** The arguments, one property per non-invocation parameter, in parameter order. */
    List<ParamType.Property> properties() {
        return List.copyOf(properties);
    }

    /** The values to call the method with. */
    Object[] bind(ToolInvocation invocation) {
        JsonNode arguments = ToolJson.parseArguments(toolName, invocation.call().argumentsJson());
        List<String> errors = ArgumentChecker.check(arguments, properties);
        if (!errors.isEmpty()) {
            throw new ToolArgumentsException("arguments of tool \"" + toolName + "\" do not match its parameters: "
                    + String.join("; ", errors));
        }
        Object[] values = new Object[slots.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (slots.get(i)) {
                case Slot.Invocation s -> invocation;
                case Slot.Argument a -> bindArgument(a, arguments.get(a.property().name()));
            };
        }
        return values;
    }

    private Object bindArgument(Slot.Argument argument, JsonNode node) {
        ParamType.Property property = argument.property();
        if (node == null || node.isNull()) {
            return Optional.empty(); // the check above let it through, so the parameter is optional
        }
        Object value = convert(node, argument.javaType(), property);
        return property.required() ? value : Optional.of(value);
    }

    private Object convert(JsonNode node, JavaType javaType, ParamType.Property property) {
        try {
            return ToolJson.MAPPER.treeToValue(withAbsentOptionals(node, property.type()), javaType);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() != null && !(e.getCause() instanceof JacksonException) ? e.getCause() : e;
            String reason = cause instanceof JacksonException j ? j.getOriginalMessage() : String.valueOf(cause.getMessage());
            String path = "$." + property.name() + jsonPath(e);
            throw new ToolArgumentsException("arguments of tool \"" + toolName + "\" do not match its parameters: "
                    + path + ": " + reason);
        }
    }

    /**
     * A copy of {@code node} where every absent optional record component is an explicit null, which
     * Jackson binds as {@code Optional.empty()} (an absent creator property would be a plain null).
     */
    private static JsonNode withAbsentOptionals(JsonNode node, ParamType type) {
        switch (type) {
            case ParamType.ObjectType object when node.isObject() -> {
                ObjectNode copy = ((ObjectNode) node).deepCopy();
                for (ParamType.Property p : object.properties()) {
                    JsonNode value = copy.get(p.name());
                    if (value == null) {
                        if (!p.required()) {
                            copy.putNull(p.name());
                        }
                    } else {
                        copy.set(p.name(), withAbsentOptionals(value, p.type()));
                    }
                }
                return copy;
            }
            case ParamType.ArrayType array when node.isArray() -> {
                var copy = ToolJson.MAPPER.createArrayNode();
                node.forEach(item -> copy.add(withAbsentOptionals(item, array.items())));
                return copy;
            }
            default -> {
                return node;
            }
        }
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private Slot slotFor(Method method, Parameter parameter) {
        Param param = parameter.getAnnotation(Param.class);
        if (parameter.getType() == ToolInvocation.class) {
            if (param != null) {
                throw new IllegalArgumentException("the ToolInvocation parameter of " + describe(method)
                        + " receives the run's invocation and is not an argument: remove its @Param");
            }
            return new Slot.Invocation();
        }
        String name = param != null && !param.name().isEmpty() ? param.name() : null;
        if (name == null && parameter.isNamePresent()) {
            name = parameter.getName();
        }
        if (name == null) {
            throw new IllegalArgumentException("parameter " + parameter.getName() + " of " + describe(method)
                    + " has no name: annotate it with @Param(name = \"...\") or compile with -parameters");
        }
        String where = "parameter \"" + name + "\" of " + describe(method);
        Type type = parameter.getParameterizedType();
        ParamType.Property property = ParamTypes.property(name, param == null ? "" : param.description(), type, where);
        Type bound = property.required() ? type : ((java.lang.reflect.ParameterizedType) type).getActualTypeArguments()[0];
        return new Slot.Argument(property, ToolJson.MAPPER.constructType(bound));
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
