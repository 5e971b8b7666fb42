package dev.turnstile.host.store;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates the opaque JSON the store embeds. Both implementations use it, so they accept,
 * reject and normalize exactly the same texts.
 */
final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonText() {}

    /**
     * Returns {@code json} normalized for embedding in one line: surrounding whitespace dropped,
     * raw CR and LF replaced by spaces. That is lossless because valid JSON can hold raw line breaks
     * only as insignificant whitespace; inside strings they must be escaped.
     *
     * @throws IllegalArgumentException if the text is not exactly one JSON object
     */
    static String requireObject(String json, String what) {
        Objects.requireNonNull(json, what);
        String stripped = stripJsonWhitespace(json);
        // Validate before replacing: a raw line break inside a string is invalid JSON and must be
        // rejected, not quietly turned into a space.
        String problem = objectProblem(stripped);
        if (problem == null) {
            problem = surrogateProblem(stripped);
        }
        if (problem != null) {
            throw new IllegalArgumentException(what + " must be one JSON object: " + problem);
        }
        return stripped.replace('\r', ' ').replace('\n', ' ');
    }

    /** Returns why {@code json} is not exactly one JSON object, or null if it is one. */
    static String objectProblem(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return first == null ? "empty text" : "starts with " + first + " instead of an object";
            }
            parser.skipChildren();
            JsonToken trailing = parser.nextToken();
            return trailing == null ? null : "more content after the object (" + trailing + ")";
        } catch (JacksonException e) {
            return e.getOriginalMessage();
        }
    }

    // Only JSON's own whitespace: stripping other Unicode spaces could make invalid JSON valid.
    private static String stripJsonWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJsonWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJsonWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    // Java strings may hold unpaired surrogates, which have no UTF-8 encoding: String.getBytes
    // would silently store '?' instead.
    private static String surrogateProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "unpaired surrogate character at index " + i;
            }
        }
        return null;
    }
}
