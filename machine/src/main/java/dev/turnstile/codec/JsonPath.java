package dev.turnstile.codec;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.TokenStreamContext;

/**
 * Renders where a parser is as a JSON path, {@code $.phase.slots[2].state.type}. Names that are not
 * plain identifiers are quoted: {@code $.usage_by_model["gpt-4o"]}.
 */
final class JsonPath {

    private static final int MAX_NAME_CHARS = 80;

    private JsonPath() {}

    /**
     * The path of the value the context is on, below {@code base}: object contexts contribute
     * their current name, array contexts their current index, and a context with neither (an
     * object or array just opened) nothing, so that it renders as the path of the container itself.
     */
    static String of(String base, TokenStreamContext context) {
        List<TokenStreamContext> chain = new ArrayList<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(c);
        }
        StringBuilder b = new StringBuilder(base);
        for (int i = chain.size() - 1; i >= 0; i--) {
            TokenStreamContext c = chain.get(i);
            if (c.inObject() && c.currentName() != null) {
                appendName(b, c.currentName());
            } else if (c.inArray() && c.hasCurrentIndex()) {
                b.append('[').append(c.getCurrentIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** {@code base} followed by the field {@code name}. */
    static String field(String base, String name) {
        StringBuilder b = new StringBuilder(base);
        appendName(b, name);
        return b.toString();
    }

    private static void appendName(StringBuilder b, String name) {
        if (isIdentifier(name)) {
            b.append('.').append(name);
        } else {
            b.append('[').append(quote(name)).append(']');
        }
    }

    /** {@code s} as a JSON-like quoted string for messages, cut after a few dozen characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_NAME_CHARS) + 8).append('"');
        int n = Math.min(s.length(), MAX_NAME_CHARS);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        String hex = Integer.toHexString(c);
                        b.append("\\u").append("0000", hex.length(), 4).append(hex);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (s.length() > n) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !(isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isLetter(c) || c == '_' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
