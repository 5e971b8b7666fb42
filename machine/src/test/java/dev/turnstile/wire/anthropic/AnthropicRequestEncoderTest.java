package dev.turnstile.wire.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Json;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.UserMessage;
import dev.turnstile.wire.Fixtures;
import dev.turnstile.wire.SampleRequests;
import dev.turnstile.wire.WireJson;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Golden tests: the exact bytes, compared with hand-written JSON in {@code wire/golden/}. */
class AnthropicRequestEncoderTest {

    private static String golden(String name) {
        return Fixtures.text("wire/golden/" + name).strip();
    }

    @Test
    void text_only_request_gets_the_default_max_tokens() {
        assertEquals(golden("anthropic-text-only.json"),
                AnthropicRequestEncoder.encodeToString(SampleRequests.textOnly("claude-haiku-4-5"), false));
    }

    @Test
    void tool_round_trip_merges_results_sends_errors_and_replaces_bad_input() {
        assertEquals(golden("anthropic-tool-round-trip-stream.json"),
                AnthropicRequestEncoder.encodeToString(SampleRequests.toolRoundTrip("claude-sonnet-4-6"), true));
    }

    @Test
    void an_empty_assistant_reply_is_dropped_and_tool_choice_none_has_no_parallel_flag() {
        assertEquals(golden("anthropic-empty-messages-and-tool-choice-none.json"),
                AnthropicRequestEncoder.encodeToString(SampleRequests.emptyAssistantAndToolChoiceNone("claude-haiku-4-5"), false));
    }

    @Test
    void bytes_are_the_utf8_of_the_text() {
        ModelRequest request = SampleRequests.toolRoundTrip("claude-sonnet-4-6");
        assertEquals(AnthropicRequestEncoder.encodeToString(request, true),
                new String(AnthropicRequestEncoder.encode(request, true), StandardCharsets.UTF_8));
    }

    @Test
    void tool_choice_auto_with_and_without_parallel_calls() {
        assertEquals("{\"type\":\"auto\"}", toolChoice(ToolChoice.AUTO, true));
        assertEquals("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}", toolChoice(ToolChoice.AUTO, false));
        assertEquals("{\"type\":\"any\"}", toolChoice(ToolChoice.REQUIRED, true));
    }

    private static String toolChoice(ToolChoice choice, boolean parallel) {
        ModelRequest request = new ModelRequest("m", "", Vector.of(new UserMessage("hi")),
                Vector.of(new ToolSpec("t", "d", Json.parse("{\"type\":\"object\"}"), true)), choice, parallel, Option.none(), Option.none());
        return WireJson.write(AnthropicRequestEncoder.toTree(request, false).get("tool_choice"));
    }

    @Test
    void input_that_is_json_but_not_an_object_is_replaced_by_an_empty_object() {
        ModelRequest request = new ModelRequest("m", "", Vector.of(new UserMessage("hi"),
                new AssistantMessage("", Vector.of(new ToolCall("t", "f", "[1,2]")))), Vector.empty(),
                ToolChoice.AUTO, true, Option.none(), Option.none());
        assertEquals("{}", WireJson.write(AnthropicRequestEncoder.toTree(request, false).at("/messages/1/content/0/input")));
    }

    /**
     * Our encoding of the conversation recorded in {@code test_tools.1.request.json} (simonw/llm-anthropic
     * against api.anthropic.com) has the same structure as what that client sent, compared as JSON trees
     * (key order aside) on every field we emit. We always send {@code is_error}, which that client left
     * to the default (false), so it is removed from ours before comparing.
     */
    @Test
    void same_message_structure_as_a_recorded_anthropic_request() {
        ToolSpec pelican = new ToolSpec("pelican_name_generator", "", Json.parse("{\"properties\":{},\"type\":\"object\"}"), true);
        ModelRequest request = new ModelRequest("claude-haiku-4-5-20251001", "", Vector.of(
                new UserMessage("Two names for a pet pelican"),
                new AssistantMessage(" ", Vector.of(
                        new ToolCall("toolu_01LtHJmixrs9NcWQkK8hu8hj", "pelican_name_generator", "{}"),
                        new ToolCall("toolu_01N8a4jWyf116qKTMqKKmjyt", "pelican_name_generator", "{}"))),
                new ToolResultMessage("toolu_01LtHJmixrs9NcWQkK8hu8hj", "pelican_name_generator", "Charles", false),
                new ToolResultMessage("toolu_01N8a4jWyf116qKTMqKKmjyt", "pelican_name_generator", "Sammy", false)),
                Vector.of(pelican), ToolChoice.AUTO, true, Option.some(8192), Option.some(1.0));
        JsonNode recorded = WireJson.parse(Fixtures.text("fixtures/anthropic/test_tools.1.request.json")).get();
        ObjectNode ours = AnthropicRequestEncoder.toTree(request, true);
        for (JsonNode block : ours.at("/messages/2/content")) {
            ((ObjectNode) block).remove("is_error");
        }
        JsonNode oursReparsed = WireJson.parse(WireJson.write(ours)).get(); // numbers as the recorded tree holds them
        for (String field : List.of("model", "max_tokens", "messages", "tools", "temperature", "stream")) {
            assertEquals(recorded.get(field), oursReparsed.get(field), field);
        }
    }
}
