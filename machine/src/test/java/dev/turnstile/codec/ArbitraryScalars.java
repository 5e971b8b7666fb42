package dev.turnstile.codec;

import dev.turnstile.model.Json;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Arbitrary strings, instants, numbers and JSON values from a seeded {@link SplittableRandom}, biased
 * towards the edge cases a codec gets wrong: empty strings, escapes, control characters, astral and
 * unpaired surrogates, text that looks like JSON, nanosecond instants, extreme counters, floats
 * whose digits matter.
 */
public final class ArbitraryScalars {

    private static final String[] SPECIAL_STRINGS = {
        "", " ", "a", "hello world", "héllo wörld ñ", "你好，世界", "مرحبا", "e\u0301", "😀", "👩‍👩‍👧",
        "\uD800", "\uDC00", "x\uD83D", "\uDE00y", "\uD83D\uD83D", "ab\uDBFF\uDFFFcd",
        "\u0000", "\u0001\u001f\u007f", "line\nbreak\r\n\ttab\b\f", "\u2028\u2029", "quote\" back\\slash /",
        "{\"a\":1}", "{\"a\":", "null", "[1,2", "\"", "\\u0041", "</script>", "type", "$.a[0]",
    };

    private static final String[] JSON_NUMBERS = {
        "0", "-0", "1", "-1", "1.50", "0.1", "-0.0", "1e3", "1E+3", "2.5e-7", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
        "3.14159265358979323846264338327950288", "1e400", "4.9E-324",
    };

    private final SplittableRandom random;

    /** Draws from {@code random}. */
    public ArbitraryScalars(SplittableRandom random) {
        this.random = random;
    }

    /** The random source, for callers that draw their own choices. */
    public SplittableRandom random() {
        return random;
    }

    /** True with probability {@code 1/n}. */
    public boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    /** A uniform int in {@code [0, bound)}. */
    public int below(int bound) {
        return random.nextInt(bound);
    }

    /** One of {@code choices}. */
    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Any string: often an edge case, sometimes random code units (including lone surrogates), rarely long. */
    public String string() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> pick(SPECIAL_STRINGS);
            case 3, 4, 5 -> word();
            case 6 -> pick(SPECIAL_STRINGS) + word() + pick(SPECIAL_STRINGS);
            case 7, 8 -> randomCodeUnits(random.nextInt(40));
            default -> oneIn(20) ? randomCodeUnits(2_000 + random.nextInt(8_000)) : sentence();
        };
    }

    /**
     * A string to use as a map key (a tool or model name): any string but without unpaired
     * surrogates, which the format replaces in keys (see {@code Utf16.wellFormed}).
     */
    public String key() {
        return Utf16.wellFormed(string());
    }

    /** A short ASCII identifier-like word, never empty. */
    public String word() {
        int n = 1 + random.nextInt(12);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    /** A few words of mixed scripts. */
    public String sentence() {
        int n = 1 + random.nextInt(8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(oneIn(4) ? pick(SPECIAL_STRINGS) : word());
        }
        return b.toString();
    }

    /** Random UTF-16 code units from the whole range, so unpaired surrogates are common. */
    public String randomCodeUnits(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x80);
                case 1 -> (char) random.nextInt(0x800);
                case 2 -> (char) (0xD800 + random.nextInt(0x800));
                default -> (char) random.nextInt(0x10000);
            });
        }
        return b.toString();
    }

    /** Tool-call argument text as models produce it: valid JSON, broken JSON, or anything. */
    public String argumentsText() {
        return switch (random.nextInt(4)) {
            case 0 -> json().text();
            case 1 -> pick("", "{", "{\"path\": \"/tmp", "{'single': 1}", "{\"a\":1}{\"b\":2}", "null", " {} ");
            case 2 -> "{\"q\":" + json().text() + "}";
            default -> string();
        };
    }

    /** An instant anywhere in {@code Instant}'s range, biased to recent times with varied precision. */
    public Instant instant() {
        return switch (random.nextInt(12)) {
            case 0 -> pick(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                    Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z"));
            case 1 -> Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                    random.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(1_700_000_000L + random.nextLong(200_000_000L), nanos());
        };
    }

    private int nanos() {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
    }

    /** A non-negative counter: zero, small, large or {@code Long.MAX_VALUE}. */
    public long count() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextLong(Long.MAX_VALUE);
            default -> random.nextInt(100_000);
        };
    }

    /** A positive long: one, small, large or {@code Long.MAX_VALUE}. */
    public long positiveLong() {
        return Math.max(1, count());
    }

    /** A positive int: one, small, or {@code Integer.MAX_VALUE}. */
    public int positiveInt() {
        return switch (random.nextInt(8)) {
            case 0 -> 1;
            case 1 -> Integer.MAX_VALUE;
            default -> 1 + random.nextInt(64);
        };
    }

    /** A non-negative int: zero, small, or {@code Integer.MAX_VALUE}. */
    public int smallCount() {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> Integer.MAX_VALUE;
            default -> random.nextInt(50);
        };
    }

    /** Any int, edges included; records that do not validate a field get these. */
    public int anyInt() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0);
            case 1 -> random.nextInt();
            default -> random.nextInt(100);
        };
    }

    /** Any long, edges included. */
    public long anyLong() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L);
            case 1 -> random.nextLong();
            default -> random.nextInt(100_000);
        };
    }

    /** Any double, including signed zeros, the infinities, not-a-number and the extremes. */
    public double anyDouble() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MIN_VALUE, Double.MAX_VALUE, 1e-7, 1e21, 0.1);
            case 1 -> Double.longBitsToDouble(random.nextLong());
            default -> random.nextInt(201) / 100.0;
        };
    }

    /**
     * A JSON value in canonical form: scalars, nested arrays and objects, exact numbers, escapes.
     * Keys are {@link #key()}s, string values any {@link #string()}.
     */
    public Json json() {
        StringBuilder b = new StringBuilder();
        appendJson(b, random.nextInt(4));
        return Json.parse(b.toString());
    }

    /** A JSON object in canonical form, as a tool's input schema is. */
    public Json jsonObject() {
        StringBuilder b = new StringBuilder();
        appendObject(b, 1 + random.nextInt(3));
        return Json.parse(b.toString());
    }

    private void appendJson(StringBuilder b, int depth) {
        int kind = depth == 0 ? random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> b.append(pick("true", "false", "null"));
            case 1 -> b.append(pick(JSON_NUMBERS));
            case 2 -> b.append(Json.string(string()).text());
            case 3 -> b.append(random.nextInt(2000) - 1000);
            case 4 -> appendObject(b, depth - 1);
            default -> {
                b.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",");
                    appendJson(b, depth - 1);
                }
                b.append(']');
            }
        }
    }

    private void appendObject(StringBuilder b, int depth) {
        b.append('{');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(Json.string(oneIn(3) ? key() : word()).text()).append(':');
            appendJson(b, Math.max(0, depth));
        }
        b.append('}');
    }
}
