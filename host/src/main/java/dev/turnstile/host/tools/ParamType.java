package dev.turnstile.host.tools;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a tool argument, derived once from its Java type: the single model both the JSON
 * schema ({@link ToolSchemas}) and the argument check ({@link ArgumentChecker}) are generated from, so
 * they can never disagree.
 */
sealed interface ParamType {

    /** A JSON string. */
    record StringType() implements ParamType {}

    /** A JSON boolean. */
    record BooleanType() implements ParamType {}

    /**
     * A JSON integer that must fit {@code javaName}.
     *
     * @param min the smallest value, or {@code null} for unbounded ({@code BigInteger})
     * @param max the largest value, or {@code null} for unbounded
     */
    record IntegerType(String javaName, Long min, Long max) implements ParamType {}

    /** A JSON number. */
    record NumberType() implements ParamType {}

    /** A JSON string naming one constant; {@code values} are the names Jackson writes and reads. */
    record EnumType(String javaName, List<String> values) implements ParamType {
        public EnumType {
            values = List.copyOf(values);
        }
    }

    /** A JSON array of {@code items}. */
    record ArrayType(ParamType items) implements ParamType {}

    /** A JSON object with named properties (a record). */
    record ObjectType(String javaName, List<Property> properties) implements ParamType {
        public ObjectType {
            properties = List.copyOf(properties);
        }
    }

    /**
     * One property of an object, or one argument of a tool method.
     *
     * @param type the value's shape; for an {@code Optional<T>} the shape of {@code T}
     * @param required false exactly for {@code Optional} values
     */
    record Property(String name, String description, ParamType type, boolean required) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(type, "type");
        }
    }
}
