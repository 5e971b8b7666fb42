package dev.turnstile.conformance.tck;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A clock that stands still until the test moves it: every reading returns the instant last set.
 *
 * <p>Why not "1 ms per reading": the runtimes read their clock not only to stamp inputs but also to
 * measure timer delays, and how often that happens is an adapter detail. A clock that only the test
 * moves makes every input's instant a function of the scenario alone, however often it is read; the
 * test moves it only while the session is quiescent (waiting for something only the test can give).
 *
 * <p>Timers still use real time for their delays, measured from this clock's reading: keep deadlines
 * long in scenarios that use it, or use the system clock for scenarios about deadlines.
 */
public final class ManualClock implements InstantSource {

    private Instant now;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** A clock standing at 2026-01-01T00:00:00Z. */
    public static ManualClock atEpochOfTests() {
        return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    /** Moves the clock forward; returns the new instant. */
    public synchronized Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, got " + by);
        }
        now = now.plus(by);
        return now;
    }
}
