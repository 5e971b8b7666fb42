package dev.turnstile.machine;

/**
 * What the machine knows about the size of the next prompt: the provider's count for the last call
 * (its input plus output, since the reply becomes part of the next prompt) and the characters
 * appended since. See {@link BudgetPolicy} for how this becomes a conservative token estimate.
 */
public record PromptEstimate(long reportedTokens, long charsSinceReport) {

    /** Characters per token assumed by the estimate; lower than typical (about 4), so it errs high. */
    public static final long CHARS_PER_TOKEN = 3;

    /** Validates that counts are not negative. */
    public PromptEstimate {
        if (reportedTokens < 0 || charsSinceReport < 0) {
            throw new IllegalArgumentException("prompt estimate counts must not be negative");
        }
    }

    /** After more content was appended. */
    public PromptEstimate plusChars(long chars) {
        return new PromptEstimate(reportedTokens, charsSinceReport + chars);
    }

    /** After a reply reported its usage. */
    public static PromptEstimate reported(long tokens) {
        return new PromptEstimate(tokens, 0);
    }

    /** The estimated prompt tokens of the next call. */
    public long estimatedTokens() {
        return reportedTokens + Math.ceilDiv(charsSinceReport, CHARS_PER_TOKEN);
    }
}
