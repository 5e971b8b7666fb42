package dev.turnstile.wire.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.Fixtures;
import dev.turnstile.wire.ReplyResult;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Non-streamed Anthropic bodies. No real one is recorded (every Anthropic fixture is a stream), so the
 * main case is the hand-made {@code wire/handmade-anthropic-message.json}.
 */
class AnthropicResponseDecoderTest {

    private static ModelReply reply(String body) {
        return ((ReplyResult.Completed) AnthropicResponseDecoder.decode(body)).reply();
    }

    @Test
    void text_and_tool_use_blocks_are_read_and_thinking_and_server_tools_skipped() {
        ReplyResult result = AnthropicResponseDecoder.decode(Fixtures.bytes("wire/handmade-anthropic-message.json"));
        assertEquals(new ReplyResult.Completed(new ModelReply(
                new AssistantMessage("Searching first. Now the tool.", Vector.of(
                        new ToolCall("toolu_hm_1", "convert", "{\"amount\":1.50,\"from\":\"USD\",\"to\":[\"EUR\",\"GBP\"]}"),
                        new ToolCall("toolu_hm_2", "noop", "{}"))),
                new Usage(200, 77, 50, 30), FinishReason.TOOL_CALLS, "claude-hand-made")), result);
    }

    @Test
    void stop_reasons_map_to_the_machine_vocabulary() {
        assertEquals(FinishReason.END_TURN, stopReason("end_turn"));
        assertEquals(FinishReason.MAX_TOKENS, stopReason("max_tokens"));
        assertEquals(FinishReason.MAX_TOKENS, stopReason("model_context_window_exceeded"));
        assertEquals(FinishReason.STOP_SEQUENCE, stopReason("stop_sequence"));
        assertEquals(FinishReason.CONTENT_FILTER, stopReason("refusal"));
        assertEquals(FinishReason.UNKNOWN, stopReason("pause_turn"));
    }

    private static FinishReason stopReason(String reason) {
        return reply("{\"type\":\"message\",\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\""
                + reason + "\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}").finishReason();
    }

    @Test
    void a_tool_use_without_input_means_an_empty_object() {
        assertEquals(Vector.of(new ToolCall("t", "f", "{}")),
                reply("{\"type\":\"message\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\"}]}").message().toolCalls());
    }

    @Test
    void an_error_body_is_a_failure() {
        ReplyResult.Failed failed = (ReplyResult.Failed) AnthropicResponseDecoder.decode(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_1\"}");
        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertEquals(Option.some("overloaded_error"), failed.failure().providerCode());
    }

    @Test
    void bodies_that_are_not_messages_are_retryable_failures() {
        for (String body : new String[] {"", "<html/>", "{\"type\":\"message\"}", "{\"content\":\"text\"}"}) {
            ReplyResult result = AnthropicResponseDecoder.decode(body);
            assertTrue(result instanceof ReplyResult.Failed failed && failed.failure().kind() == FailureKind.RETRYABLE, body);
        }
    }
}
