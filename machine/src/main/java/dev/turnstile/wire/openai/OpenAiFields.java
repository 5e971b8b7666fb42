package dev.turnstile.wire.openai;

import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.WireJson;
import tools.jackson.databind.JsonNode;

/** Response fields read the same way in streamed and non-streamed OpenAI responses. */
final class OpenAiFields {
    private OpenAiFields() {}

    /**
     * Token usage. {@code prompt_tokens} already includes cached tokens. Output normally is
     * {@code completion_tokens}, but xAI counts reasoning tokens outside it and only in
     * {@code total_tokens} (fixture {@code xai-tool-call.chunks.txt}: 307 + 26 ≠ 560, the missing 227 are
     * {@code reasoning_tokens}), so when the total exceeds prompt + completion the output is taken as
     * total − prompt: every billed token is counted once.
     */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        long prompt = WireJson.count(usage, "prompt_tokens");
        long completion = WireJson.count(usage, "completion_tokens");
        long total = WireJson.count(usage, "total_tokens");
        long output = total > prompt + completion ? total - prompt : completion;
        long cached = Math.min(prompt, WireJson.count(usage.path("prompt_tokens_details"), "cached_tokens"));
        return new Usage(prompt, output, cached, 0);
    }

    /** OpenAI's {@code finish_reason}; {@code function_call} is the legacy spelling of tool calls. */
    static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "stop" -> FinishReason.END_TURN;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "length" -> FinishReason.MAX_TOKENS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.UNKNOWN;
        };
    }

    /**
     * The argument text of a tool call fragment: a JSON string's content, or the compact text of an
     * object some servers send instead of a string; "" for null or missing (which a finished call
     * turns into {@code {}}).
     */
    static String argumentsText(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return "";
        }
        return arguments.isString() ? arguments.stringValue() : WireJson.write(arguments);
    }

    /** Arguments of a finished call: null, empty or blank mean "no arguments", i.e. {@code {}}. */
    static String finishedArguments(String raw) {
        return raw.isBlank() ? "{}" : raw;
    }

    /**
     * An id for a tool call the server sent without one. Ids pair results with calls, so one is needed;
     * it is derived from the call's position to stay deterministic.
     */
    static String synthesizedToolCallId(int position) {
        return "turnstile_call_" + position;
    }
}
