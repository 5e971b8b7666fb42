package dev.turnstile.wire;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * What an error response's headers say about retrying.
 *
 * <ul>
 *   <li>{@code retry-after-ms} (OpenAI, Azure): milliseconds, possibly fractional. Preferred when
 *       present because it is the more precise of the two.
 *   <li>{@code retry-after}: seconds (possibly fractional, as OpenAI's own SDK accepts), or an HTTP-date,
 *       which is turned into a delay from {@code now}, the adapter's clock reading passed in (a date in
 *       the past means 0).
 *   <li>{@code x-should-retry: true|false} (OpenAI and Anthropic): the server's explicit verdict, which
 *       overrides the verdict of the status code.
 * </ul>
 * Malformed, negative or absurdly large values are ignored rather than guessed at.
 *
 * @param retryAfterMillis how long to wait before retrying, if the server said
 * @param shouldRetry the server's explicit retry verdict, if it gave one
 */
public record RetryHints(Option<Long> retryAfterMillis, Option<Boolean> shouldRetry) {

    /** No hints. */
    public static final RetryHints NONE = new RetryHints(Option.none(), Option.none());

    /** Validates fields. */
    public RetryHints {
        Objects.requireNonNull(retryAfterMillis, "retryAfterMillis");
        Objects.requireNonNull(shouldRetry, "shouldRetry");
    }

    /**
     * Reads the hints from response headers.
     *
     * @param now the adapter's clock reading when the response arrived; used only for an HTTP-date
     *     {@code retry-after}
     */
    public static RetryHints from(HeaderLookup headers, Instant now) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(now, "now");
        Option<Long> delay = headers.first("retry-after-ms").flatMap(RetryHints::parseMillis)
                .orElse(() -> headers.first("retry-after").flatMap(value -> parseRetryAfter(value, now)));
        Option<Boolean> verdict = headers.first("x-should-retry").flatMap(RetryHints::parseVerdict);
        return new RetryHints(delay, verdict);
    }

    /** A {@code retry-after} value: delay seconds or an HTTP-date. */
    static Option<Long> parseRetryAfter(String value, Instant now) {
        Option<BigDecimal> seconds = parseNonNegativeDecimal(value);
        if (seconds.isDefined()) {
            return toMillis(seconds.get().movePointRight(3));
        }
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Option.some(Math.max(0, Duration.between(now, at).toMillis()));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Option.none();
        }
    }

    /** A {@code retry-after-ms} value. */
    static Option<Long> parseMillis(String value) {
        return parseNonNegativeDecimal(value).flatMap(RetryHints::toMillis);
    }

    private static Option<Boolean> parseVerdict(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Option.some(true);
            case "false" -> Option.some(false);
            default -> Option.none();
        };
    }

    /** Digits with an optional fraction; no sign, no exponent (HTTP delay values are plain numbers). */
    private static Option<BigDecimal> parseNonNegativeDecimal(String value) {
        String text = value.strip();
        if (text.isEmpty() || text.length() > 30) {
            return Option.none();
        }
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return Option.none();
            }
        }
        if (dots > 1 || text.startsWith(".") || text.endsWith(".")) {
            return Option.none();
        }
        return Option.some(new BigDecimal(text));
    }

    private static Option<Long> toMillis(BigDecimal millis) {
        try {
            return Option.some(millis.setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException e) {
            return Option.none();
        }
    }
}
