package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;

/** Splits text into a number of nearly equal pieces without cutting a surrogate pair. */
final class TextPieces {

    private TextPieces() {}

    /**
     * Splits {@code text} into {@code count} pieces (fewer if the text has fewer code points);
     * the empty text gives no pieces. Joining the pieces gives back the text.
     */
    static List<String> split(String text, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("piece count must be at least 1, got " + count);
        }
        int codePoints = text.codePointCount(0, text.length());
        int pieces = Math.min(count, codePoints);
        List<String> result = new ArrayList<>(pieces);
        int start = 0;
        for (int i = 0; i < pieces; i++) {
            int size = codePoints / pieces + (i < codePoints % pieces ? 1 : 0);
            int end = text.offsetByCodePoints(start, size);
            result.add(text.substring(start, end));
            start = end;
        }
        return List.copyOf(result);
    }
}
