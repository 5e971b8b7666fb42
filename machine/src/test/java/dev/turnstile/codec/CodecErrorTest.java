package dev.turnstile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every way a document can be wrong gives a {@link CodecException} that names the JSON path at fault. */
class CodecErrorTest {

    static final String AT = "\"at\":\"2026-01-01T00:00:00Z\"";
    static final String USAGE = "{\"input_tokens\":1,\"output_tokens\":2,\"cache_read_input_tokens\":0,"
            + "\"cache_write_input_tokens\":0}";
    static final String CONTEXT = "{\"session_id\":\"s1\",\"turn\":1," + AT + ",\"labels\":"
            + CodecGoldenTest.NO_LABELS + "}";

    @Test
    void an_unknown_type_deep_in_a_state_names_its_path() {
        String slot = "{\"index\":%d,\"call\":{\"id\":\"c\",\"name\":\"ls\",\"arguments_json\":\"{}\"},"
                + "\"idempotency_key\":\"k\",\"state\":%s}";
        String phase = "{\"type\":\"awaiting_tools\",\"slots\":[" + slot.formatted(0, "{\"type\":\"queued\"}") + ","
                + slot.formatted(1, "{\"type\":\"queued\"}") + "," + slot.formatted(2, "{\"type\":\"foo\"}") + "]}";
        String state = MachineCodec.encodeState(CodecGoldenTest.freshState())
                .replace("{\"type\":\"awaiting_user\"}", phase);
        assertError("$.phase.slots[2].state.type: unknown type \"foo\"", state, MachineCodec::decodeState);
    }

    @Test
    void missing_fields_are_named() {
        assertError("$.output: missing required field",
                "{\"type\":\"tool_succeeded\"," + AT + ",\"effect_id\":1}", MachineCodec::decodeInput);
        assertError("$.reply.usage.output_tokens: missing required field",
                modelReplied("{\"input_tokens\":1,\"cache_read_input_tokens\":0,\"cache_write_input_tokens\":0}"),
                MachineCodec::decodeInput);
        assertError("$.type: missing required field", "{" + AT + "}", MachineCodec::decodeInput);
        assertError("$.type: missing required field", "{}", MachineCodec::decodeInput);
    }

    @Test
    void values_of_the_wrong_kind_are_named() {
        assertError("$.at: expected a string, got an integer", "{\"type\":\"time_advanced\",\"at\":5}",
                MachineCodec::decodeInput);
        assertError("$.text: expected a string, got null",
                "{\"type\":\"user_message_received\"," + AT + ",\"text\":null,\"delivery\":\"after_turn\"}",
                MachineCodec::decodeInput);
        assertError("$.type: expected a string, got an integer", "{\"type\":1}", MachineCodec::decodeInput);
        assertError("$: expected an object, got an array", "[]", MachineCodec::decodeInput);
        assertError("$.effect_id: expected an integer, got a decimal number",
                "{\"type\":\"tool_succeeded\"," + AT + ",\"effect_id\":1.0,\"output\":\"\"}", MachineCodec::decodeInput);
        assertError("$.event.context.turn: integer 3000000000 is out of range (32-bit)",
                "{\"type\":\"emit\",\"event\":{\"type\":\"cancel_ignored\",\"context\":"
                        + CONTEXT.replace("\"turn\":1", "\"turn\":3000000000") + ",\"reason\":\"\"}}",
                MachineCodec::decodeEffect);
        assertError("$.transcript[1].type: unknown type \"system_message\"",
                MachineCodec.encodeState(CodecGoldenTest.freshState()).replace("\"transcript\":[]",
                        "\"transcript\":[{\"type\":\"user_message\",\"text\":\"hi\"},{\"type\":\"system_message\"}]"),
                MachineCodec::decodeState);
    }

    @Test
    void bad_scalars_are_named() {
        assertError("$.at: expected an ISO-8601 instant such as \"2026-01-01T00:00:00Z\", got \"yesterday\"",
                "{\"type\":\"recovered\",\"at\":\"yesterday\"}", MachineCodec::decodeInput);
        assertError("$.delivery: unknown value \"soon\"; expected one of next_boundary, after_turn",
                "{\"type\":\"user_message_received\"," + AT + ",\"text\":\"\",\"delivery\":\"soon\"}",
                MachineCodec::decodeInput);
        assertError("$.effect_id: effect ids start at 1, got 0",
                "{\"type\":\"tool_succeeded\"," + AT + ",\"effect_id\":0,\"output\":\"\"}", MachineCodec::decodeInput);
        assertError("$.effect_id: integer 9223372036854775808 is out of range (64-bit)",
                "{\"type\":\"tool_succeeded\"," + AT + ",\"effect_id\":9223372036854775808,\"output\":\"\"}",
                MachineCodec::decodeInput);
    }

    @Test
    void a_record_refusing_its_values_is_named_with_its_reason() {
        assertError("$.reply.usage: invalid value: token counts must not be negative: -1/2/0/0",
                modelReplied(USAGE.replace("\"input_tokens\":1", "\"input_tokens\":-1")), MachineCodec::decodeInput);
        String config = MachineCodec.encodeConfig(CodecGoldenTest.config());
        assertError("$: invalid value: maxRounds must be positive, got 0",
                config.replace("\"max_rounds\":25", "\"max_rounds\":0"), MachineCodec::decodeConfig);
        assertError("$.budget.prices[\"gpt-4o\"]: invalid value: prices must not be negative",
                config.replace("\"input_micros_per_million_tokens\":2500000", "\"input_micros_per_million_tokens\":-1"),
                MachineCodec::decodeConfig);
        assertError("$.budget.turn.limits.sparkles: unknown key \"sparkles\"; expected one of input_tokens, "
                        + "output_tokens, total_tokens, cost_micros, rounds, tool_calls, wall_time_millis",
                config.replace("\"total_tokens\":100000", "\"sparkles\":1"), MachineCodec::decodeConfig);
    }

    @Test
    void paths_stay_right_when_the_type_tag_is_not_first() {
        assertError("$.type: unknown type \"foo\"", "{" + AT + ",\"type\":\"foo\"}", MachineCodec::decodeInput);
        assertError("$.at: expected a string, got an integer",
                "{\"x\":[1,{\"y\":2}],\"at\":5,\"type\":\"time_advanced\"}", MachineCodec::decodeInput);
        assertError("$.reply.message.tool_calls[0].arguments_json: missing required field",
                "{\"reply\":{\"message\":{\"text\":\"\",\"tool_calls\":[{\"id\":\"a\",\"name\":\"b\"}],"
                        + "\"type\":\"assistant_message\"}},\"type\":\"model_replied\"," + AT + ",\"effect_id\":1}",
                MachineCodec::decodeInput);
        assertError("$.reply.message.type: expected type \"assistant_message\", got \"user_message\"",
                "{\"reply\":{\"message\":{\"text\":\"x\",\"type\":\"user_message\"}},\"type\":\"model_replied\"}",
                MachineCodec::decodeInput);
    }

    @Test
    void text_that_is_not_one_json_value_is_refused() {
        assertError("$: unexpected end of input", "", MachineCodec::decodeInput);
        assertError("$: unexpected end of input", " \n ", MachineCodec::decodeInput);
        assertError("$: content after the document: an object",
                "{\"type\":\"recovered\"," + AT + "} {}", MachineCodec::decodeInput);
        CodecException truncated = assertThrows(CodecException.class,
                () -> MachineCodec.decodeInput("{\"type\":\"recovered\",\"at\":"));
        assertTrue(truncated.getMessage().startsWith("$.at: invalid JSON: Unexpected end-of-input"),
                truncated.getMessage());
        assertTrue(truncated.getMessage().endsWith("(line 1, column 26)"), truncated.getMessage());
        CodecException garbage = assertThrows(CodecException.class, () -> MachineCodec.decodeInput("{\"type\" 'x'}"));
        assertTrue(garbage.getMessage().startsWith("$.type: invalid JSON: Unexpected character"), garbage.getMessage());
    }

    @Test
    void the_path_is_available_on_its_own() {
        CodecException e = assertThrows(CodecException.class,
                () -> MachineCodec.decodeInput("{\"type\":\"time_advanced\",\"at\":5}"));
        assertEquals("$.at", e.path());
    }

    private static String modelReplied(String usage) {
        return "{\"type\":\"model_replied\"," + AT + ",\"effect_id\":1,\"reply\":{\"message\":{"
                + "\"type\":\"assistant_message\",\"text\":\"\",\"tool_calls\":[]},\"usage\":" + usage
                + ",\"finish_reason\":\"end_turn\",\"model\":\"m\"}}";
    }

    static void assertError(String expectedMessage, String json, Function<String, ?> decode) {
        CodecException e = assertThrows(CodecException.class, () -> decode.apply(json), json);
        assertEquals(expectedMessage, e.getMessage(), json);
    }
}
