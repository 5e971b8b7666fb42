package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AnthropicReplyTest {

    @Test
    void a_streamed_reply_has_the_full_event_sequence_with_event_lines() {
        Response response = AnthropicReply.text("Hi there")
                .inDeltas(2)
                .withToolUse(ScriptedToolCall.of("toolu_1", "get_weather", "{\"city\":\"Paris\"}").inFragments(2))
                .withUsage(20, 9)
                .streamed();

        List<SseTestParser.Event> events = SseTestParser.parse(response.bodyText());
        assertEquals(List.of("message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), events.stream().map(SseTestParser.Event::event).toList());
        for (SseTestParser.Event event : events) {
            assertEquals(event.event(), Json.parse(event.data(), "event").path("type").stringValue(), "event line = type field");
        }
        assertEquals(events.size(), response.chunkCount(), "one event per chunk");

        JsonNode start = Json.parse(events.get(0).data(), "message_start");
        assertEquals(20, start.at("/message/usage/input_tokens").intValue());
        assertEquals("assistant", start.at("/message/role").stringValue());
        assertEquals("Hi t", Json.parse(events.get(2).data(), "d").at("/delta/text").stringValue());
        JsonNode toolStart = Json.parse(events.get(5).data(), "tool start");
        assertEquals(1, toolStart.path("index").intValue());
        assertEquals("tool_use", toolStart.at("/content_block/type").stringValue());
        assertEquals("toolu_1", toolStart.at("/content_block/id").stringValue());
        assertEquals("input_json_delta", Json.parse(events.get(6).data(), "d").at("/delta/type").stringValue());
        String arguments = Json.parse(events.get(6).data(), "d").at("/delta/partial_json").stringValue()
                + Json.parse(events.get(7).data(), "d").at("/delta/partial_json").stringValue();
        assertEquals("{\"city\":\"Paris\"}", arguments);
        JsonNode delta = Json.parse(events.get(9).data(), "message_delta");
        assertEquals("tool_use", delta.at("/delta/stop_reason").stringValue());
        assertEquals(9, delta.at("/usage/output_tokens").intValue());
    }

    @Test
    void a_tool_use_without_arguments_streams_one_empty_partial_json() {
        List<ObjectNode> events = AnthropicReply.toolUses(ScriptedToolCall.of("toolu_2", "refresh", "")).streamEvents();
        assertEquals("", events.get(2).at("/delta/partial_json").stringValue());
        assertEquals("content_block_stop", events.get(3).path("type").stringValue());
    }

    @Test
    void a_non_streamed_reply_is_one_message_with_parsed_tool_input() {
        ObjectNode message = AnthropicReply.text("Checking.")
                .withToolUse(ScriptedToolCall.of("toolu_3", "lookup", "{\"q\":[1,2]}"))
                .withStopReason("max_tokens").withUsage(3, 4).messageBody();

        assertEquals("message", message.path("type").stringValue());
        assertEquals("Checking.", message.at("/content/0/text").stringValue());
        assertEquals(2, message.at("/content/1/input/q").size());
        assertEquals("max_tokens", message.path("stop_reason").stringValue());
        assertEquals(4, message.at("/usage/output_tokens").intValue());
    }

    @Test
    void a_non_streamed_tool_input_must_be_an_object() {
        AnthropicReply reply = AnthropicReply.toolUses(ScriptedToolCall.of("toolu_4", "x", "[1]"));
        assertThrows(IllegalArgumentException.class, reply::messageBody);
        AnthropicReply broken = AnthropicReply.toolUses(ScriptedToolCall.of("toolu_5", "x", "{\"a\":"));
        assertThrows(IllegalArgumentException.class, broken::messageBody);
    }

    @Test
    void an_error_event_inside_the_stream_ends_it() {
        List<SseTestParser.Event> events = SseTestParser.parse(AnthropicReply.text("Hi").streamedWithErrorAfter(1).bodyText());
        assertEquals(List.of("message_start", "error"), events.stream().map(SseTestParser.Event::event).toList());
        assertEquals("overloaded_error", Json.parse(events.get(1).data(), "error").at("/error/type").stringValue());
    }

    @Test
    void a_malformed_delta_is_inserted_and_the_stream_continues() {
        List<SseTestParser.Event> events = SseTestParser.parse(AnthropicReply.text("Hi").streamedWithMalformedJsonAfter(2).bodyText());
        assertEquals("content_block_delta", events.get(2).event());
        assertEquals(AnthropicReplyJson.MALFORMED_DELTA, events.get(2).data());
        assertEquals("message_stop", events.get(events.size() - 1).event());
    }
}
