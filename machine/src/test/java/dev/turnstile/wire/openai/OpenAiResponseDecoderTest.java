package dev.turnstile.wire.openai;

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

/** Non-streamed OpenAI bodies: every recorded {@code .response.json}, plus the shapes no recording has. */
class OpenAiResponseDecoderTest {

    private static ReplyResult decodeFixture(String name) {
        return OpenAiResponseDecoder.decode(Fixtures.bytes("fixtures/openai/" + name));
    }

    private static ReplyResult completed(String text, Vector<ToolCall> calls, Usage usage, FinishReason finish, String model) {
        return new ReplyResult.Completed(new ModelReply(new AssistantMessage(text, calls), usage, finish, model));
    }

    private static ModelReply reply(String body) {
        return ((ReplyResult.Completed) OpenAiResponseDecoder.decode(body)).reply();
    }

    @Test
    void keep_instructions_0_tool_call_with_arguments_as_a_string_and_null_content() {
        assertEquals(completed("", Vector.of(new ToolCall("call_bhZkmIKKItNGJ41whHUHB7p9", "get_temperature", "{\"city\":\"Tokyo\"}")),
                        new Usage(50, 15, 0, 0), FinishReason.TOOL_CALLS, "gpt-4.1-mini-2025-04-14"),
                decodeFixture("test_openai_instructions_with_tool_calls_keep_instructions.0.response.json"));
    }

    @Test
    void keep_instructions_1_text() {
        assertEquals(completed("The temperature in Tokyo is currently 20.0 degrees Celsius.", Vector.empty(),
                        new Usage(75, 15, 0, 0), FinishReason.END_TURN, "gpt-4.1-mini-2025-04-14"),
                decodeFixture("test_openai_instructions_with_tool_calls_keep_instructions.1.response.json"));
    }

    @Test
    void chain_of_two_calls_0_first_call() {
        assertEquals(completed("", Vector.of(new ToolCall("call_TTY8UFNo7rNCaOBUNtlRSvMG", "lookup_population", "{\"country\":\"Crumpet\"}")),
                        new Usage(92, 17, 0, 0), FinishReason.TOOL_CALLS, "gpt-4o-mini-2024-07-18"),
                decodeFixture("test_tool_use_chain_of_two_calls.0.response.json"));
    }

    @Test
    void chain_of_two_calls_1_second_call() {
        assertEquals(completed("", Vector.of(new ToolCall("call_aq9UyiSFkzX6W8Ydc33DoI9Y", "can_have_dragons", "{\"population\":123124}")),
                        new Usage(118, 18, 0, 0), FinishReason.TOOL_CALLS, "gpt-4o-mini-2024-07-18"),
                decodeFixture("test_tool_use_chain_of_two_calls.1.response.json"));
    }

    @Test
    void chain_of_two_calls_2_final_text() {
        assertEquals(completed("YES", Vector.empty(), new Usage(146, 3, 0, 0), FinishReason.END_TURN, "gpt-4o-mini-2024-07-18"),
                decodeFixture("test_tool_use_chain_of_two_calls.2.response.json"));
    }

    @Test
    void the_o1_developer_role_error_body_decodes_as_a_fatal_failure_not_a_reply() {
        ReplyResult.Failed failed = (ReplyResult.Failed) decodeFixture("test_openai_o1_mini_system_role-developer.0.response.json");
        assertEquals(FailureKind.FATAL, failed.failure().kind());
        assertEquals(Option.some("unsupported_value"), failed.failure().providerCode());
    }

    @Test
    void null_and_empty_arguments_mean_an_empty_object() {
        ModelReply reply = reply("{\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"message\":{\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":null}},"
                + "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}},"
                + "{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"h\"}}]}}]}");
        assertEquals(Vector.of(new ToolCall("a", "f", "{}"), new ToolCall("b", "g", "{}"), new ToolCall("c", "h", "{}")),
                reply.message().toolCalls());
        assertEquals(Usage.ZERO, reply.usage(), "no usage block means zero, not a failure");
    }

    @Test
    void arguments_are_kept_exactly_as_the_model_wrote_them() {
        ModelReply reply = reply("{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\","
                + "\"arguments\":\"{\\\"x\\\": 1.50, \\\"y\\\"\"}}]}}]}");
        assertEquals("{\"x\": 1.50, \"y\"", reply.message().toolCalls().head().argumentsJson(),
                "not valid JSON: passed on for the machine to answer with an error result");
    }

    @Test
    void content_as_a_list_of_text_parts_and_a_refusal() {
        assertEquals("ab", reply("{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"image_url\"},{\"type\":\"text\",\"text\":\"b\"}]}}]}").message().text());
        assertEquals("I can't help with that.", reply("{\"choices\":[{\"message\":{\"content\":null,"
                + "\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}]}").message().text());
    }

    @Test
    void finish_reasons_map_to_the_machine_vocabulary() {
        assertEquals(FinishReason.MAX_TOKENS, reply("{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"length\"}]}").finishReason());
        assertEquals(FinishReason.CONTENT_FILTER, reply("{\"choices\":[{\"message\":{\"content\":\"\"},\"finish_reason\":\"content_filter\"}]}").finishReason());
        assertEquals(FinishReason.UNKNOWN, reply("{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"eos\"}]}").finishReason());
    }

    @Test
    void bodies_that_are_not_replies_are_retryable_failures() {
        for (String body : new String[] {"", "<html>502</html>", "[1,2]", "{\"choices\":[]}", "{\"id\":\"x\"}"}) {
            ReplyResult result = OpenAiResponseDecoder.decode(body);
            assertTrue(result instanceof ReplyResult.Failed failed && failed.failure().kind() == FailureKind.RETRYABLE, body);
        }
    }
}
