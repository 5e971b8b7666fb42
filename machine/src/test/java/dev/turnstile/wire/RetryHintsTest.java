package dev.turnstile.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code retry-after}, {@code retry-after-ms} and {@code x-should-retry}. */
class RetryHintsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static RetryHints hints(Map<String, String> headers) {
        return RetryHints.from(HeaderLookup.of(headers), NOW);
    }

    @ParameterizedTest(name = "retry-after: {0} -> {1} ms")
    @CsvSource({"0, 0", "20, 20000", "1.5, 1500", "0.0001, 1", "' 7 ', 7000",
            "'Thu, 01 Jan 2026 00:00:30 GMT', 30000", "'Wed, 31 Dec 2025 23:59:00 GMT', 0"})
    void retry_after_seconds_or_http_date(String value, long millis) {
        assertEquals(Option.some(millis), hints(Map.of("retry-after", value)).retryAfterMillis());
    }

    @ParameterizedTest(name = "retry-after: \"{0}\" is ignored")
    @ValueSource(strings = {"", "soon", "-1", "1e3", ".5", "5.", "1.2.3", "+5", "99999999999999999999", "Thu, 32 Jan 2026 00:00:00 GMT"})
    void malformed_retry_after_is_ignored(String value) {
        assertEquals(Option.none(), hints(Map.of("retry-after", value)).retryAfterMillis());
    }

    @Test
    void retry_after_ms_is_rounded_up_and_preferred_over_retry_after() {
        assertEquals(Option.some(1501L), hints(Map.of("retry-after-ms", "1500.2")).retryAfterMillis());
        assertEquals(Option.some(250L), hints(Map.of("retry-after", "20", "retry-after-ms", "250")).retryAfterMillis());
    }

    @Test
    void malformed_retry_after_ms_falls_back_to_retry_after() {
        assertEquals(Option.some(20_000L), hints(Map.of("retry-after", "20", "retry-after-ms", "n/a")).retryAfterMillis());
    }

    @Test
    void x_should_retry_true_false_or_nothing() {
        assertEquals(Option.some(true), hints(Map.of("x-should-retry", "true")).shouldRetry());
        assertEquals(Option.some(false), hints(Map.of("X-Should-Retry", "FALSE")).shouldRetry());
        assertEquals(Option.none(), hints(Map.of("x-should-retry", "maybe")).shouldRetry());
        assertEquals(RetryHints.NONE, RetryHints.from(HeaderLookup.NONE, NOW));
    }
}
