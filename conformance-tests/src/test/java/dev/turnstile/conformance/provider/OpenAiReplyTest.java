package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiReplyTest {

    private static List<JsonNode> payloads(Response response) {
        return SseTestParser.parse(response.bodyText()).stream()
                .filter(e -> !e.data().equals("[DONE]"))
                .map(e -> Json.parse(e.data(), "event")).toList();
    }

    @Test
    void a_streamed_text_reply_is_role_chunk_deltas_finish_chunk_usage_chunk_and_done() {
        Response response = OpenAiReply.text("Hello, world").inDeltas(3).withUsage(12, 3).streamed();

        List<String> chunks = response.chunks().stream().map(String::new).toList();
        assertEquals(7, chunks.size(), "one chunk per event: role, 3 deltas, finish, usage, [DONE]");
        assertEquals("data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n", chunks.get(0));
        assertEquals("data: [DONE]\n\n", chunks.get(6));

        List<JsonNode> events = payloads(response);
        assertEquals(List.of("Hell", "o, w", "orld"), events.subList(1, 4).stream()
                .map(e -> e.at("/choices/0/delta/content").stringValue()).toList());
        assertEquals("stop", events.get(4).at("/choices/0/finish_reason").stringValue());
        assertEquals(0, events.get(5).path("choices").size());
        assertEquals(15, events.get(5).at("/usage/total_tokens").intValue());
        assertEquals("text/event-stream; charset=utf-8", response.header("content-type").orElseThrow());
        assertEquals(BodyFraming.CHUNKED, response.framing());
    }

    @Test
    void streamed_tool_calls_send_id_and_name_first_then_one_chunk_per_argument_fragment() {
        OpenAiReply reply = OpenAiReply.toolCalls(
                ScriptedToolCall.ofFragments("call_1", "get_weather", List.of("{\"ci", "ty\":\"Pa", "ris\"}")),
                ScriptedToolCall.of("call_2", "get_time", ""));

        List<ObjectNode> events = reply.streamEvents();

        assertTrue(events.get(0).at("/choices/0/delta/content").isNull(), "no text: content is null");
        JsonNode first = events.get(1).at("/choices/0/delta/tool_calls/0");
        assertEquals(0, first.path("index").intValue());
        assertEquals("call_1", first.path("id").stringValue());
        assertEquals("function", first.path("type").stringValue());
        assertEquals("get_weather", first.at("/function/name").stringValue());
        assertEquals("", first.at("/function/arguments").stringValue());
        assertEquals(List.of("{\"ci", "ty\":\"Pa", "ris\"}"), events.subList(2, 5).stream()
                .map(e -> e.at("/choices/0/delta/tool_calls/0/function/arguments").stringValue()).toList());
        assertTrue(events.get(3).at("/choices/0/delta/tool_calls/0/id").isMissingNode(), "later fragments carry no id");
        assertEquals("call_2", events.get(5).at("/choices/0/delta/tool_calls/0/id").stringValue());
        assertEquals(1, events.get(5).at("/choices/0/delta/tool_calls/0/index").intValue());
        assertEquals("tool_calls", events.get(6).at("/choices/0/finish_reason").stringValue());
        assertEquals(7, events.size(), "no usage chunk unless usage was set");
    }

    @Test
    void a_non_streamed_reply_is_one_chat_completion() {
        ObjectNode body = OpenAiReply.text("Let me look.")
                .withToolCall(ScriptedToolCall.of("call_9", "lookup", "{\"q\":\"x\"}").inFragments(3))
                .withUsage(5, 7).withModel("gpt-4.1").withId("chatcmpl-9").completionBody();

        assertEquals("chat.completion", body.path("object").stringValue());
        assertEquals("chatcmpl-9", body.path("id").stringValue());
        assertEquals("gpt-4.1", body.path("model").stringValue());
        assertEquals("Let me look.", body.at("/choices/0/message/content").stringValue());
        assertEquals("{\"q\":\"x\"}", body.at("/choices/0/message/tool_calls/0/function/arguments").stringValue());
        assertEquals("tool_calls", body.at("/choices/0/finish_reason").stringValue());
        assertEquals(12, body.at("/usage/total_tokens").intValue());
    }

    @Test
    void an_explicit_finish_reason_wins() {
        assertEquals("length", OpenAiReply.text("cut").withFinishReason("length").completionBody()
                .at("/choices/0/finish_reason").stringValue());
    }

    @Test
    void an_error_inside_the_stream_replaces_the_rest_and_there_is_no_done() {
        Response response = OpenAiReply.text("Hello").inDeltas(2).streamedWithErrorAfter(2);

        List<SseTestParser.Event> events = SseTestParser.parse(response.bodyText());
        assertEquals(3, events.size());
        JsonNode error = Json.parse(events.get(2).data(), "error");
        assertEquals("server_error", error.at("/error/type").stringValue());
        assertTrue(events.stream().noneMatch(e -> e.data().equals("[DONE]")));
    }

    @Test
    void a_malformed_line_is_inserted_and_the_stream_continues() {
        Response response = OpenAiReply.text("Hello").streamedWithMalformedJsonAfter(1);

        List<SseTestParser.Event> events = SseTestParser.parse(response.bodyText());
        assertEquals(OpenAiReplyJson.MALFORMED_CHUNK, events.get(1).data());
        assertTrue(Json.parseOrMissing(events.get(1).data()).isMissingNode(), "not parseable");
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        assertEquals(OpenAiReply.text("Hello").streamEvents().size() + 2, events.size());
        assertNull(events.get(1).event());
    }

    @Test
    void event_counts_beyond_the_stream_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> OpenAiReply.text("x").streamedWithErrorAfter(99));
    }
}
