package dev.turnstile.machine;

/**
 * How failed model calls are retried.
 *
 * <p>Delay before attempt {@code n+1} = {@code min(maxDelayMillis, baseDelayMillis * 2^(n-1))},
 * reduced by a random part of up to {@code jitterPercent} percent drawn from the state's PRNG (so
 * retries of many sessions spread out, and replay draws the same jitter). A server's retry-after is
 * honoured exactly when it is not above {@code retryAfterCapMillis}; above the cap the turn stops.
 *
 * @param maxAttempts attempts per round including the first; at least 1
 */
public record RetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis, long retryAfterCapMillis,
        int jitterPercent) {

    /** 4 attempts, 500 ms doubling to 30 s, retry-after up to 60 s, 20 % jitter. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, 500, 30_000, 60_000, 20);

    /** Validates ranges. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelayMillis < 0 || maxDelayMillis < baseDelayMillis || retryAfterCapMillis < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= base <= max and cap >= 0");
        }
        if (jitterPercent < 0 || jitterPercent > 100) {
            throw new IllegalArgumentException("jitterPercent must be within 0..100, got " + jitterPercent);
        }
    }
}
