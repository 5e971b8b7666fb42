package dev.turnstile.machine;

/**
 * A model's price in integer micro-units (millionths of the currency unit) per million tokens, so
 * that cost accounting is exact and identical on every JVM.
 */
public record Price(long inputMicrosPerMillionTokens, long outputMicrosPerMillionTokens) {
    /** Validates that prices are not negative. */
    public Price {
        if (inputMicrosPerMillionTokens < 0 || outputMicrosPerMillionTokens < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** Cost of a call in micro-units, rounded up so that budgets err on the safe side. */
    public long costMicros(long inputTokens, long outputTokens) {
        long numerator = Math.addExact(Math.multiplyExact(inputTokens, inputMicrosPerMillionTokens),
                Math.multiplyExact(outputTokens, outputMicrosPerMillionTokens));
        return Math.ceilDiv(numerator, 1_000_000L);
    }
}
