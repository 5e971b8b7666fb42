package dev.turnstile.wire.anthropic;

import dev.turnstile.model.Json;
import dev.turnstile.wire.WireJson;
import tools.jackson.databind.JsonNode;

/** Turns a {@code tool_use} input into the reply's argument text. */
final class AnthropicToolInput {
    private AnthropicToolInput() {}

    /** The canonical text of a whole {@code input} object; a missing or null input means {@code {}}. */
    static String ofTree(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return "{}";
        }
        return Json.of(input).text();
    }

    /**
     * The argument text of a streamed tool call. The raw {@code partial_json} fragments are concatenated
     * first and parsed once: fragments split anywhere, even inside an escape sequence (fixture
     * {@code anthropic-issue-11719-quoted-tool-input}: {@code \"} split across fragments), so they must
     * never be decoded one by one. No fragments (or only {@code ""}, fixture {@code test_tools.0}) means
     * the input given in {@code content_block_start}, normally {@code {}}. Text that does not parse is
     * passed on as is; the machine answers the model with an error result for it.
     */
    static String ofFragments(String concatenated, String startInput) {
        if (concatenated.isBlank()) {
            return startInput;
        }
        return WireJson.parse(concatenated).map(node -> Json.of(node).text()).getOrElse(concatenated);
    }
}
