package dev.turnstile.conformance.provider;

/**
 * Token counts a scripted reply reports, in provider-neutral terms. OpenAI calls them
 * {@code prompt_tokens}/{@code completion_tokens}, Anthropic {@code input_tokens}/{@code output_tokens}.
 *
 * @param inputTokens  tokens in the prompt
 * @param outputTokens tokens generated
 */
public record TokenUsage(int inputTokens, int outputTokens) {

    /** Checks that the counts are not negative. */
    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + ", " + outputTokens);
        }
    }

    /** No tokens at all, the default when a test does not care. */
    public static TokenUsage none() {
        return new TokenUsage(0, 0);
    }

    /** Input plus output. */
    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
