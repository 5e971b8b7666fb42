package dev.turnstile.wire.anthropic;

import dev.turnstile.model.Usage;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's token counts as reported, before conversion to {@link Usage}. Anthropic's
 * {@code input_tokens} exclude cache reads and writes, while {@link Usage#inputTokens()} counts every
 * prompt token, so the conversion adds them.
 */
record AnthropicUsage(long input, long cacheRead, long cacheWrite, long output) {
    static final AnthropicUsage ZERO = new AnthropicUsage(0, 0, 0, 0);

    /**
     * These counts updated by a {@code usage} object: every count it holds replaces ours, every count it
     * lacks stays. Counts in {@code message_delta} are cumulative totals, so the last one is the answer
     * and summing would double count (fixture {@code test_tools.0}: 62 output tokens in both
     * {@code message_start} and {@code message_delta}). Input tokens come from {@code message_start}
     * unless a later {@code message_delta} reports them again: with server tools the final input count
     * is larger (fixture {@code test_anthropic_native_tool_search_streaming.0}: 702 at the start, 1591 at
     * the end, the billed amount).
     */
    AnthropicUsage updatedBy(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        return new AnthropicUsage(
                countOr(usage, "input_tokens", input),
                countOr(usage, "cache_read_input_tokens", cacheRead),
                countOr(usage, "cache_creation_input_tokens", cacheWrite),
                countOr(usage, "output_tokens", output));
    }

    Usage toUsage() {
        return new Usage(input + cacheRead + cacheWrite, output, cacheRead, cacheWrite);
    }

    private static long countOr(JsonNode usage, String field, long otherwise) {
        JsonNode node = usage.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            return otherwise;
        }
        return Math.max(0, node.longValue());
    }
}
