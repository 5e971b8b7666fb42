package dev.turnstile.model;

/**
 * Tokens a model call consumed, as the provider reported them.
 *
 * @param inputTokens all prompt tokens billed, including cached ones
 * @param outputTokens completion tokens, including reasoning tokens where the provider counts them
 * @param cacheReadInputTokens of {@code inputTokens}, how many were read from a prompt cache
 * @param cacheWriteInputTokens of {@code inputTokens}, how many were written to a prompt cache
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheWriteInputTokens) {

    /** No tokens. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    /** Validates that no count is negative. */
    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadInputTokens < 0 || cacheWriteInputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + "/"
                    + outputTokens + "/" + cacheReadInputTokens + "/" + cacheWriteInputTokens);
        }
    }

    /** Input and output tokens without cache detail. */
    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0);
    }

    /** Input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Component-wise sum. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadInputTokens + other.cacheReadInputTokens, cacheWriteInputTokens + other.cacheWriteInputTokens);
    }
}
