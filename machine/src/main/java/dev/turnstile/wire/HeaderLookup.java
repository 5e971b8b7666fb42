package dev.turnstile.wire;

import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Read access to the response headers an error classification needs ({@code retry-after},
 * {@code retry-after-ms}, {@code x-should-retry}). Adapters wrap their HTTP library's header type;
 * both the JDK's {@code HttpHeaders.firstValue} and Netty's {@code HttpHeaders.get} already match
 * names case-insensitively.
 */
@FunctionalInterface
public interface HeaderLookup {

    /** No headers at all. */
    HeaderLookup NONE = name -> Option.none();

    /**
     * The first value of the header, matched case-insensitively.
     *
     * @param name the header name in lower case
     */
    Option<String> first(String name);

    /**
     * A lookup over a plain map. Names are matched case-insensitively; if the map holds the same
     * name in two spellings, the spelling that sorts first ({@link String#compareTo}) wins, so the
     * answer does not depend on the map's iteration order.
     */
    static HeaderLookup of(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        TreeMap<String, String> spelling = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            String seen = spelling.get(name);
            if (seen == null || name.compareTo(seen) < 0) {
                spelling.put(name, name);
                byName.put(name, value);
            }
        });
        return name -> Option.of(byName.get(name));
    }
}
