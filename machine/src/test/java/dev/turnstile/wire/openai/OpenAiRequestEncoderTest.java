package dev.turnstile.wire.openai;

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
import dev.turnstile.wire.openai.OpenAiRequestEncoder.MaxTokensField;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Golden tests: the exact bytes, compared with hand-written JSON in {@code wire/golden/}. */
class OpenAiRequestEncoderTest {

    private static String golden(String name) {
        return Fixtures.text("wire/golden/" + name).strip();
    }

    @Test
    void text_only_request() {
        assertEquals(golden("openai-text-only.json"),
                OpenAiRequestEncoder.DEFAULT.encodeToString(SampleRequests.textOnly("gpt-4o-mini"), false));
    }

    @Test
    void tool_round_trip_streamed_with_all_options() {
        assertEquals(golden("openai-tool-round-trip-stream.json"),
                OpenAiRequestEncoder.DEFAULT.encodeToString(SampleRequests.toolRoundTrip("gpt-4o"), true));
    }

    @Test
    void max_completion_tokens_tool_choice_none_and_empty_assistant_text() {
        OpenAiRequestEncoder encoder = new OpenAiRequestEncoder(MaxTokensField.MAX_COMPLETION_TOKENS);
        assertEquals(golden("openai-max-completion-tokens.json"),
                encoder.encodeToString(SampleRequests.emptyAssistantAndToolChoiceNone("o3-mini"), false));
    }

    @Test
    void bytes_are_the_utf8_of_the_text() {
        ModelRequest request = SampleRequests.toolRoundTrip("gpt-4o");
        assertEquals(OpenAiRequestEncoder.DEFAULT.encodeToString(request, true),
                new String(OpenAiRequestEncoder.DEFAULT.encode(request, true), StandardCharsets.UTF_8));
    }

    @Test
    void tool_choice_auto_is_explicit_and_parallel_default_is_omitted() {
        ModelRequest request = new ModelRequest("m", "", Vector.of(new UserMessage("hi")),
                Vector.of(new ToolSpec("t", "d", Json.parse("{\"type\":\"object\"}"), true)),
                ToolChoice.AUTO, true, Option.none(), Option.none());
        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\","
                        + "\"function\":{\"name\":\"t\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}}],"
                        + "\"tool_choice\":\"auto\",\"stream\":false}",
                OpenAiRequestEncoder.DEFAULT.encodeToString(request, false));
    }

    /**
     * Our encoding of the conversation recorded in {@code test_tool_use_chain_of_two_calls.{1,2}.request.json}
     * (simonw/llm against api.openai.com) has the same structure as what that client sent, compared as
     * JSON trees (key order aside) on every field we emit. We also send {@code tool_choice: "auto"},
     * which that client left to the default, so it is not compared.
     */
    @Test
    void same_message_structure_as_a_recorded_openai_request() {
        ToolSpec lookup = new ToolSpec("lookup_population", "Returns the current population of the specified fictional country",
                Json.parse("{\"properties\":{\"country\":{\"type\":\"string\"}},\"required\":[\"country\"],\"type\":\"object\"}"), true);
        ToolSpec dragons = new ToolSpec("can_have_dragons", "Returns True if the specified population can have dragons, False otherwise",
                Json.parse("{\"properties\":{\"population\":{\"type\":\"integer\"}},\"required\":[\"population\"],\"type\":\"object\"}"), true);
        Vector<dev.turnstile.model.Message> round1 = Vector.of(
                new UserMessage("Can the country of Crumpet have dragons? Answer with only YES or NO"),
                new AssistantMessage("", Vector.of(new ToolCall("call_TTY8UFNo7rNCaOBUNtlRSvMG", "lookup_population", "{\"country\": \"Crumpet\"}"))),
                new ToolResultMessage("call_TTY8UFNo7rNCaOBUNtlRSvMG", "lookup_population", "123124", false));
        Vector<dev.turnstile.model.Message> round2 = round1.appendAll(List.of(
                new AssistantMessage("", Vector.of(new ToolCall("call_aq9UyiSFkzX6W8Ydc33DoI9Y", "can_have_dragons", "{\"population\": 123124}"))),
                new ToolResultMessage("call_aq9UyiSFkzX6W8Ydc33DoI9Y", "can_have_dragons", "true", false)));
        assertSameAsRecorded("fixtures/openai/test_tool_use_chain_of_two_calls.1.request.json",
                new ModelRequest("gpt-4o-mini", "", round1, Vector.of(lookup, dragons), ToolChoice.AUTO, true, Option.none(), Option.none()));
        assertSameAsRecorded("fixtures/openai/test_tool_use_chain_of_two_calls.2.request.json",
                new ModelRequest("gpt-4o-mini", "", round2, Vector.of(lookup, dragons), ToolChoice.AUTO, true, Option.none(), Option.none()));
    }

    private static void assertSameAsRecorded(String recordedPath, ModelRequest request) {
        JsonNode recorded = WireJson.parse(Fixtures.text(recordedPath)).get();
        JsonNode ours = WireJson.parse(OpenAiRequestEncoder.DEFAULT.encodeToString(request, false)).get();
        for (String field : List.of("model", "messages", "tools", "stream")) {
            assertEquals(recorded.get(field), ours.get(field), field + " of " + recordedPath);
        }
    }
}
