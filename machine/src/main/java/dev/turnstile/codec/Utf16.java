package dev.turnstile.codec;

/** Checks for unpaired UTF-16 surrogates, which no UTF-8 document can carry as they are. */
final class Utf16 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf16() {}

    /** Whether every surrogate in {@code s} is part of a high-low pair. */
    static boolean isWellFormed(String s) {
        return firstUnpaired(s) < 0;
    }

    /**
     * {@code s} with each unpaired surrogate replaced by U+FFFD. Used for object keys only (map keys,
     * keys inside embedded JSON): Jackson's parser refuses an escaped unpaired surrogate in a name,
     * while it accepts one in a string value, so values keep theirs exactly.
     */
    static String wellFormed(String s) {
        int i = firstUnpaired(s);
        if (i < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        b.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return b.toString();
    }

    private static int firstUnpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
