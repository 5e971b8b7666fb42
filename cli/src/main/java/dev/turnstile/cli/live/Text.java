package dev.turnstile.cli.live;

import java.util.Locale;

/** Small text helpers for one-line summaries. */
public final class Text {

    private Text() {}

    /**
     * {@code s} on one line (line breaks shown as {@code ⏎}) and at most {@code max} characters, cut
     * with {@code …}.
     */
    public static String oneLine(String s, int max) {
        String flat = s.strip().replace("\r\n", "\n").replace('\n', '⏎').replace('\r', '⏎').replace('\t', ' ');
        return flat.length() <= max ? flat : flat.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** {@code "text"} quoted and shortened by {@link #oneLine}. */
    public static String quoted(String s, int max) {
        return "\"" + oneLine(s, max) + "\"";
    }

    /** {@code AwaitingTools} as {@code awaiting_tools}. */
    public static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** A byte count with a unit: {@code 812 B}, {@code 21.4 KiB}, {@code 3.1 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
    }

    /** Milliseconds as {@code 41 ms} or {@code 3.27 s}. */
    public static String millis(double ms) {
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
