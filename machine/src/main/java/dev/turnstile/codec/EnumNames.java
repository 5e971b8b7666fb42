package dev.turnstile.codec;

import java.util.Locale;

/**
 * The JSON names of an enum's constants: the constant name in lower case ({@code NEXT_BOUNDARY}
 * is {@code "next_boundary"}), which is already snake_case by Java convention.
 *
 * @param <E> the enum
 */
final class EnumNames<E extends Enum<E>> {
    private final E[] constants;
    private final String[] names;

    private EnumNames(Class<E> type) {
        this.constants = type.getEnumConstants();
        this.names = new String[constants.length];
        for (E constant : constants) {
            names[constant.ordinal()] = constant.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The names of {@code type}'s constants. */
    static <E extends Enum<E>> EnumNames<E> of(Class<E> type) {
        return new EnumNames<>(type);
    }

    /** The JSON name of {@code value}. */
    String name(E value) {
        return names[value.ordinal()];
    }

    /** The constant named {@code name}, or null; enums are small, so a scan beats a hash lookup. */
    E parse(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return constants[i];
            }
        }
        return null;
    }

    /** The accepted names, for error messages. */
    String choices() {
        return String.join(", ", names);
    }
}
