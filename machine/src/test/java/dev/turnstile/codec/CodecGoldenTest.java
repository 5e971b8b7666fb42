package dev.turnstile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.BudgetLimits;
import dev.turnstile.machine.BudgetPolicy;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.BudgetScope;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.EventContext;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Meter;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.Price;
import dev.turnstile.machine.Prng;
import dev.turnstile.machine.PromptEstimate;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.StopReason;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.machine.ToolSlot;
import dev.turnstile.machine.Wake;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON of representative values, written out by hand: these strings are the format's
 * specification, so a change here is a change of the journal format (bump the schema version).
 */
class CodecGoldenTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Labels ACME = new Labels("acme", "ann", "support-agent", "req-7");
    static final String NO_LABELS = "{\"tenant\":\"\",\"principal\":\"\",\"agent_template\":\"\",\"correlation_id\":\"\"}";
    static final String ACME_LABELS =
            "{\"tenant\":\"acme\",\"principal\":\"ann\",\"agent_template\":\"support-agent\",\"correlation_id\":\"req-7\"}";
    static final String ZERO_USAGE =
            "{\"input_tokens\":0,\"output_tokens\":0,\"cache_read_input_tokens\":0,\"cache_write_input_tokens\":0}";
    static final String CONTEXT = "{\"session_id\":\"s1\",\"turn\":1,\"at\":\"2026-01-01T00:00:00Z\",\"labels\":"
            + NO_LABELS + "}";

    @Test
    void user_message_received_with_an_idempotency_key() {
        golden(new Input.UserMessageReceived(T0, "Hi ☃", Delivery.AFTER_TURN, Option.some("k-1")),
                "{\"type\":\"user_message_received\",\"at\":\"2026-01-01T00:00:00Z\",\"text\":\"Hi ☃\","
                        + "\"delivery\":\"after_turn\",\"idempotency_key\":\"k-1\"}",
                MachineCodec::encodeInput, MachineCodec::decodeInput);
    }

    @Test
    void an_absent_option_is_omitted_and_nanoseconds_are_kept() {
        golden(new Input.UserMessageReceived(Instant.parse("2026-01-01T00:00:00.000000001Z"), "", Delivery.NEXT_BOUNDARY,
                        Option.none()),
                "{\"type\":\"user_message_received\",\"at\":\"2026-01-01T00:00:00.000000001Z\",\"text\":\"\","
                        + "\"delivery\":\"next_boundary\"}",
                MachineCodec::encodeInput, MachineCodec::decodeInput);
    }

    @Test
    void model_replied_keeps_invalid_tool_arguments_as_a_string() {
        ModelReply reply = new ModelReply(
                new AssistantMessage("", Vector.of(new ToolCall("call_1", "read_file", "{\"path\": \"/tm"))),
                new Usage(12, 3, 0, Long.MAX_VALUE), FinishReason.TOOL_CALLS, "gpt-4o");
        golden(new Input.ModelReplied(T0, new EffectId(7), reply),
                "{\"type\":\"model_replied\",\"at\":\"2026-01-01T00:00:00Z\",\"effect_id\":7,\"reply\":{"
                        + "\"message\":{\"type\":\"assistant_message\",\"text\":\"\",\"tool_calls\":[{\"id\":\"call_1\","
                        + "\"name\":\"read_file\",\"arguments_json\":\"{\\\"path\\\": \\\"/tm\"}]},"
                        + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3,\"cache_read_input_tokens\":0,"
                        + "\"cache_write_input_tokens\":9223372036854775807},\"finish_reason\":\"tool_calls\","
                        + "\"model\":\"gpt-4o\"}}",
                MachineCodec::encodeInput, MachineCodec::decodeInput);
    }

    @Test
    void model_failed_and_time_advanced() {
        golden(new Input.ModelFailed(T0, new EffectId(2), FailureKind.RATE_LIMITED, Option.some(1500L), "429", ""),
                "{\"type\":\"model_failed\",\"at\":\"2026-01-01T00:00:00Z\",\"effect_id\":2,\"kind\":\"rate_limited\","
                        + "\"retry_after_millis\":1500,\"message\":\"429\",\"partial_text\":\"\"}",
                MachineCodec::encodeInput, MachineCodec::decodeInput);
        golden(new Input.TimeAdvanced(Instant.parse("2026-01-01T00:00:05.250Z")),
                "{\"type\":\"time_advanced\",\"at\":\"2026-01-01T00:00:05.250Z\"}",
                MachineCodec::encodeInput, MachineCodec::decodeInput);
    }

    @Test
    void surrogates_are_escaped_so_the_text_survives_utf8() {
        golden(new Input.ToolSucceeded(T0, new EffectId(1), "cut \uD83D|😀|\"\\\n\u0001é"),
                "{\"type\":\"tool_succeeded\",\"at\":\"2026-01-01T00:00:00Z\",\"effect_id\":1,"
                        + "\"output\":\"cut \\ud83d|\\ud83d\\ude00|\\\"\\\\\\n\\u0001é\"}",
                MachineCodec::encodeInput, MachineCodec::decodeInput);
    }

    @Test
    void an_unpaired_surrogate_in_a_key_becomes_a_replacement_character() {
        ToolSpec spec = new ToolSpec("t", "", Json.parse("{\"k\uD800\":\"v\\ud800\"}"), false);
        MachineConfig config = config().toBuilder().tool(spec).maxCallsPerTool("x\uDC00", 1).build();
        String json = MachineCodec.encodeConfig(config);
        assertTrue(json.contains("\"input_schema\":{\"k\uFFFD\":\"v\\ud800\"}"), json);
        assertTrue(json.contains("\"max_calls_per_tool\":{\"rm\":1,\"x\uFFFD\":1}"), json);
        MachineConfig decoded = MachineCodec.decodeConfig(json);
        assertEquals(Json.parse("{\"k\uFFFD\":\"v\\ud800\"}"), decoded.tools().get(0).inputSchema());
        assertEquals(json, MachineCodec.encodeConfig(decoded));
    }

    @Test
    void call_model_embeds_tool_schemas_as_json() {
        ToolSpec readFile = new ToolSpec("read_file", "Reads a file",
                Json.parse("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"x\":1.50}"), true);
        ModelRequest request = new ModelRequest("gpt-4o", "Be brief.", Vector.of(new UserMessage("Hi")),
                Vector.of(readFile), ToolChoice.AUTO, true, Option.some(1024), Option.none());
        golden(new Effect.CallModel(new EffectId(1), request, Instant.parse("2026-01-01T00:02:00Z"), 1, ACME),
                "{\"type\":\"call_model\",\"id\":1,\"request\":{\"model\":\"gpt-4o\",\"system\":\"Be brief.\","
                        + "\"messages\":[{\"type\":\"user_message\",\"text\":\"Hi\"}],\"tools\":[{\"name\":\"read_file\","
                        + "\"description\":\"Reads a file\",\"input_schema\":{\"type\":\"object\",\"properties\":{"
                        + "\"path\":{\"type\":\"string\"}},\"x\":1.50},\"idempotent\":true}],\"tool_choice\":\"auto\","
                        + "\"parallel_tool_calls\":true,\"max_output_tokens\":1024},"
                        + "\"deadline\":\"2026-01-01T00:02:00Z\",\"attempt\":1,\"labels\":" + ACME_LABELS + "}",
                MachineCodec::encodeEffect, MachineCodec::decodeEffect);
    }

    @Test
    void emit_wraps_an_event_with_its_context() {
        ToolCall call = new ToolCall("c1", "nope", "{}");
        Event finished = new Event.ToolCallFinished(new EventContext("s1", 1, T0, Labels.NONE), Option.none(), call,
                new ToolResultMessage("c1", "nope", "unknown tool: nope", true));
        golden(new Effect.Emit(finished),
                "{\"type\":\"emit\",\"event\":{\"type\":\"tool_call_finished\",\"context\":" + CONTEXT
                        + ",\"call\":{\"id\":\"c1\",\"name\":\"nope\",\"arguments_json\":\"{}\"},\"result\":{"
                        + "\"type\":\"tool_result_message\",\"tool_call_id\":\"c1\",\"tool_name\":\"nope\","
                        + "\"content\":\"unknown tool: nope\",\"is_error\":true}}}",
                MachineCodec::encodeEffect, MachineCodec::decodeEffect);
    }

    @Test
    void turn_finished_nests_outcome_and_stop_reason() {
        Outcome stopped = new Outcome.Stopped(new StopReason.BudgetExhausted(BudgetResource.TOTAL_TOKENS,
                BudgetScope.TURN, 9000, 8000, "next call would cross the limit"));
        golden(new Event.TurnFinished(new EventContext("s1", 1, T0, Labels.NONE), stopped, 2, Usage.of(8000, 1000), 42),
                "{\"type\":\"turn_finished\",\"context\":" + CONTEXT + ",\"outcome\":{\"type\":\"stopped\",\"reason\":{"
                        + "\"type\":\"budget_exhausted\",\"resource\":\"total_tokens\",\"scope\":\"turn\",\"used\":9000,"
                        + "\"limit\":8000,\"detail\":\"next call would cross the limit\"}},\"rounds\":2,\"turn_usage\":{"
                        + "\"input_tokens\":8000,\"output_tokens\":1000,\"cache_read_input_tokens\":0,"
                        + "\"cache_write_input_tokens\":0},\"turn_cost_micros\":42}",
                MachineCodec::encodeEvent, MachineCodec::decodeEvent);
    }

    @Test
    void a_fresh_session_state() {
        golden(freshState(),
                "{\"session_id\":\"s1\",\"labels\":" + NO_LABELS + ",\"now\":\"2026-01-01T00:00:00Z\","
                        + "\"prng\":{\"state\":-7046029254386353131},\"last_effect_id\":0,\"turn\":0,"
                        + "\"approvals_issued\":0,\"phase\":{\"type\":\"awaiting_user\"},\"transcript\":[],\"queued\":[],"
                        + "\"idempotency_keys\":[],\"session_meter\":{\"usage\":" + ZERO_USAGE + ",\"cost_micros\":0,"
                        + "\"rounds\":0,\"tool_runs\":0,\"thresholds_hit\":[]},\"usage_by_model\":{},"
                        + "\"prompt_estimate\":{\"reported_tokens\":0,\"chars_since_report\":0},\"approvals\":[]}",
                MachineCodec::encodeState, MachineCodec::decodeState);
    }

    @Test
    void a_tool_batch_in_progress() {
        Vector<ToolSlot> slots = Vector.of(
                new ToolSlot(0, new ToolCall("c1", "ls", "{}"), "s1:1:1:0",
                        new ToolSlot.Running(new EffectId(5), Instant.parse("2026-01-01T00:01:00Z"))),
                new ToolSlot(1, new ToolCall("c2", "rm", "{\"p\":\"/\"}"), "s1:1:1:1",
                        new ToolSlot.AwaitingDecision("s1/a1", Option.none())),
                new ToolSlot(2, new ToolCall("c3", "cat", "{"), "s1:1:1:2", new ToolSlot.Queued()));
        SessionState state = freshState();
        SessionState running = new SessionState(state.sessionId(), ACME, state.now(), state.prng(), 5, 1, 1,
                new Phase.AwaitingTools(slots), state.turnProgress(), state.transcript(), state.queued(),
                TreeSet.of("b", "a"), new Meter(Usage.ZERO, 0, 0, 0, TreeSet.of(BudgetResource.ROUNDS,
                        BudgetResource.INPUT_TOKENS)), TreeMap.of("gpt-4o", Usage.of(1, 2)), state.promptEstimate(),
                state.approvals(), state.lastOutcome());
        golden(running,
                "{\"session_id\":\"s1\",\"labels\":" + ACME_LABELS + ",\"now\":\"2026-01-01T00:00:00Z\","
                        + "\"prng\":{\"state\":-7046029254386353131},\"last_effect_id\":5,\"turn\":1,"
                        + "\"approvals_issued\":1,\"phase\":{\"type\":\"awaiting_tools\",\"slots\":["
                        + "{\"index\":0,\"call\":{\"id\":\"c1\",\"name\":\"ls\",\"arguments_json\":\"{}\"},"
                        + "\"idempotency_key\":\"s1:1:1:0\",\"state\":{\"type\":\"running\",\"run_id\":5,"
                        + "\"deadline\":\"2026-01-01T00:01:00Z\"}},"
                        + "{\"index\":1,\"call\":{\"id\":\"c2\",\"name\":\"rm\",\"arguments_json\":\"{\\\"p\\\":\\\"/\\\"}\"},"
                        + "\"idempotency_key\":\"s1:1:1:1\",\"state\":{\"type\":\"awaiting_decision\","
                        + "\"approval_id\":\"s1/a1\"}},"
                        + "{\"index\":2,\"call\":{\"id\":\"c3\",\"name\":\"cat\",\"arguments_json\":\"{\"},"
                        + "\"idempotency_key\":\"s1:1:1:2\",\"state\":{\"type\":\"queued\"}}]},"
                        + "\"transcript\":[],\"queued\":[],\"idempotency_keys\":[\"a\",\"b\"],\"session_meter\":{"
                        + "\"usage\":" + ZERO_USAGE + ",\"cost_micros\":0,\"rounds\":0,\"tool_runs\":0,"
                        + "\"thresholds_hit\":[\"input_tokens\",\"rounds\"]},\"usage_by_model\":{\"gpt-4o\":{"
                        + "\"input_tokens\":1,\"output_tokens\":2,\"cache_read_input_tokens\":0,"
                        + "\"cache_write_input_tokens\":0}},\"prompt_estimate\":{\"reported_tokens\":0,"
                        + "\"chars_since_report\":0},\"approvals\":[]}",
                MachineCodec::encodeState, MachineCodec::decodeState);
    }

    @Test
    void a_machine_config_with_every_policy() {
        golden(config(),
                "{\"model\":\"gpt-4o\",\"system_prompt\":\"Be brief.\",\"tools\":[],\"temperature\":0.2,"
                        + "\"parallel_tool_calls\":true,\"max_parallel_tools\":4,\"model_call_timeout_millis\":120000,"
                        + "\"tool_timeout_millis\":60000,\"retry\":{\"max_attempts\":4,\"base_delay_millis\":500,"
                        + "\"max_delay_millis\":30000,\"retry_after_cap_millis\":60000,\"jitter_percent\":20},"
                        + "\"max_rounds\":25,\"max_tool_calls_per_turn\":64,\"max_calls_per_tool\":{\"rm\":1},"
                        + "\"permissions\":{\"rules\":[{\"tool_name_pattern\":\"rm*\",\"verdict\":\"ask\"}],"
                        + "\"default_verdict\":\"allow\"},\"approval_expiry_millis\":3600000,\"budget\":{"
                        + "\"turn\":{\"limits\":{\"total_tokens\":100000,\"wall_time_millis\":600000}},"
                        + "\"session\":{\"limits\":{\"cost_micros\":5000000}},\"soft_threshold_percent\":80,"
                        + "\"prices\":{\"gpt-4o\":{\"input_micros_per_million_tokens\":2500000,"
                        + "\"output_micros_per_million_tokens\":10000000}}},\"stop_turn_on_tool_failure\":false,"
                        + "\"grace_round_instruction\":\"Answer now.\"}",
                MachineCodec::encodeConfig, MachineCodec::decodeConfig);
    }

    @Test
    void a_journal_header_starts_with_its_schema_version() {
        MachineConfig config = MachineConfig.builder("m").graceRoundInstruction("Finish.").build();
        String configJson = MachineCodec.encodeConfig(config);
        golden(JournalHeader.of("s1", 42, T0, ACME, config, "0.1.0"),
                "{\"schema\":1,\"session_id\":\"s1\",\"seed\":42,\"started_at\":\"2026-01-01T00:00:00Z\",\"labels\":"
                        + ACME_LABELS + ",\"config\":" + configJson + ",\"machine_version\":\"0.1.0\"}",
                MachineCodec::encodeHeader, MachineCodec::decodeHeader);
    }

    @Test
    void a_step_with_its_wake() {
        Step step = new Step(freshState(), Vector.of(new Effect.Abandon(new EffectId(3), "timeout")),
                Option.some(new Wake(Instant.parse("2026-01-01T00:00:30Z"), Wake.Reason.RETRY_BACKOFF)));
        golden(step,
                "{\"state\":" + MachineCodec.encodeState(freshState()) + ",\"effects\":[{\"type\":\"abandon\",\"id\":3,"
                        + "\"reason\":\"timeout\"}],\"wake\":{\"at\":\"2026-01-01T00:00:30Z\",\"reason\":\"retry_backoff\"}}",
                MachineCodec::encodeStep, MachineCodec::decodeStep);
    }

    @Test
    void doubles_and_their_special_values() {
        for (double t : new double[] {0.2, -0.0, 1.0E-7, Double.NaN, Double.NEGATIVE_INFINITY}) {
            MachineConfig c = config().toBuilder().temperature(t).build();
            String json = MachineCodec.encodeConfig(c);
            assertEquals(c, MachineCodec.decodeConfig(json));
            String expected = Double.isNaN(t) ? "\"NaN\"" : Double.isInfinite(t) ? "\"-Infinity\"" : Double.toString(t);
            assertTrue(json.contains("\"temperature\":" + expected + ","), json);
        }
    }

    @Test
    void effects_digest_is_sha256_of_the_effects_array() {
        Vector<Effect> effects = Vector.of(new Effect.Abandon(new EffectId(3), "timeout"));
        assertEquals("[{\"type\":\"abandon\",\"id\":3,\"reason\":\"timeout\"}]", MachineCodec.encodeEffects(effects));
        assertEquals(effects, MachineCodec.decodeEffects(MachineCodec.encodeEffects(effects)));
        // echo -n '[{"type":"abandon","id":3,"reason":"timeout"}]' | sha256sum
        assertEquals("1a138071852216c87b4e4610e0d48d49bc45e0057b4e478ef55d849a6a426a1e",
                MachineCodec.effectsDigest(effects));
        assertEquals("4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
                MachineCodec.effectsDigest(Vector.empty()));
    }

    static SessionState freshState() {
        return new SessionState("s1", Labels.NONE, T0, new Prng(-7046029254386353131L), 0, 0, 0, new Phase.AwaitingUser(),
                Option.none(), Vector.empty(), Vector.empty(), TreeSet.empty(), Meter.EMPTY, TreeMap.empty(),
                new PromptEstimate(0, 0), Vector.empty(), Option.none());
    }

    static MachineConfig config() {
        BudgetPolicy budget = new BudgetPolicy(
                BudgetLimits.NONE.with(BudgetResource.WALL_TIME_MILLIS, 600_000).with(BudgetResource.TOTAL_TOKENS, 100_000),
                BudgetLimits.NONE.with(BudgetResource.COST_MICROS, 5_000_000), 80,
                TreeMap.of("gpt-4o", new Price(2_500_000, 10_000_000)), Option.none());
        return new MachineConfig("gpt-4o", "Be brief.", Vector.empty(), Option.none(), Option.some(0.2), true, 4, 120_000,
                60_000, new RetryPolicy(4, 500, 30_000, 60_000, 20), 25, 64, TreeMap.of("rm", 1),
                new ToolPermissions(Vector.of(new PermissionRule("rm*", PermissionVerdict.ASK)), PermissionVerdict.ALLOW),
                Option.some(3_600_000L), budget, false, "Answer now.");
    }

    private static <T> void golden(T value, String expected, Function<T, String> encode, Function<String, T> decode) {
        assertEquals(expected, encode.apply(value));
        assertEquals(value, decode.apply(expected));
    }
}
