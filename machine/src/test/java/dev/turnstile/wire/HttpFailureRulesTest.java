package dev.turnstile.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.model.FailureKind;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The provider-independent status rules, the x-should-retry override, and message truncation. */
class HttpFailureRulesTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"400, FATAL", "401, FATAL", "403, FATAL", "404, FATAL", "408, RETRYABLE", "409, RETRYABLE", "413, FATAL",
            "422, FATAL", "429, RATE_LIMITED", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE", "504, RETRYABLE",
            "529, RETRYABLE", "302, FATAL"})
    void kind_for_status(int status, FailureKind kind) {
        assertEquals(kind, HttpFailureRules.kindForStatus(status));
    }

    @ParameterizedTest(name = "{0} with x-should-retry {1} -> {2}")
    @CsvSource({"FATAL, true, RETRYABLE", "CONTEXT_OVERFLOW, true, RETRYABLE", "RATE_LIMITED, true, RATE_LIMITED",
            "RETRYABLE, true, RETRYABLE", "RETRYABLE, false, FATAL", "RATE_LIMITED, false, FATAL", "FATAL, false, FATAL",
            "CONTEXT_OVERFLOW, false, CONTEXT_OVERFLOW"})
    void should_retry_overrides_the_status(FailureKind kind, boolean shouldRetry, FailureKind expected) {
        assertEquals(expected, HttpFailureRules.applyShouldRetry(kind, Option.some(shouldRetry)));
    }

    @Test
    void no_should_retry_header_keeps_the_kind() {
        assertEquals(FailureKind.FATAL, HttpFailureRules.applyShouldRetry(FailureKind.FATAL, Option.none()));
    }

    @Test
    void truncate_keeps_short_text_and_cuts_long_text_at_500_chars() {
        assertEquals("short", HttpFailureRules.truncate("short"));
        assertEquals("a".repeat(500), HttpFailureRules.truncate("a".repeat(500)));
        assertEquals("a".repeat(500) + "… (1 more chars)", HttpFailureRules.truncate("a".repeat(501)));
    }

    @Test
    void truncate_never_splits_a_surrogate_pair() {
        String text = "a".repeat(499) + "\uD83E\uDD85" + "tail";
        assertEquals("a".repeat(499) + "… (6 more chars)", HttpFailureRules.truncate(text));
    }
}
