package dev.turnstile.wire.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.Fixtures;
import dev.turnstile.wire.StreamDelta;
import dev.turnstile.wire.StreamDelta.ReasoningDelta;
import dev.turnstile.wire.StreamDelta.TextDelta;
import dev.turnstile.wire.StreamDelta.ToolArgumentsDelta;
import dev.turnstile.wire.StreamDelta.ToolCallStarted;
import dev.turnstile.wire.StreamRun;
import io.vavr.collection.Vector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every recorded Anthropic stream decodes to the reply read off the fixture by hand (see
 * fixtures/SOURCES.md for what each recording shows). Expected values are literals, never computed.
 */
class AnthropicStreamFixturesTest {

    private static StreamRun sse(String fixture) {
        return StreamRun.whole(Fixtures.bytes("fixtures/anthropic/" + fixture), new AnthropicStreamAccumulator());
    }

    /** Payloads fed straight to the accumulator: .chunks.txt files hold bare data payloads (see SOURCES.md). */
    private static StreamRun chunks(String fixture) {
        return StreamRun.payloads(Fixtures.chunkPayloads("fixtures/anthropic/" + fixture), new AnthropicStreamAccumulator());
    }

    private static ModelReply reply(String text, Vector<ToolCall> calls, Usage usage, FinishReason finish, String model) {
        return new ModelReply(new AssistantMessage(text, calls), usage, finish, model);
    }

    @Test
    void test_tools_0_two_parallel_tool_uses_with_empty_input_and_padding() {
        StreamRun run = sse("test_tools.0.response.sse");
        assertEquals(reply("", Vector.of(
                        new ToolCall("toolu_01LtHJmixrs9NcWQkK8hu8hj", "pelican_name_generator", "{}"),
                        new ToolCall("toolu_01N8a4jWyf116qKTMqKKmjyt", "pelican_name_generator", "{}")),
                new Usage(542, 62, 0, 0), FinishReason.TOOL_CALLS, "claude-haiku-4-5-20251001"), run.reply());
        assertEquals(List.of(new ToolCallStarted(0, "toolu_01LtHJmixrs9NcWQkK8hu8hj", "pelican_name_generator"),
                new ToolCallStarted(1, "toolu_01N8a4jWyf116qKTMqKKmjyt", "pelican_name_generator")), run.deltas());
    }

    @Test
    void test_tools_1_text_ending_with_an_emoji() {
        StreamRun run = sse("test_tools.1.response.sse");
        String text = "Here are two great names for your pet pelican:\n\n"
                + "1. **Charles** - A sophisticated and dignified name, perfect for a pelican with personality!\n"
                + "2. **Sammy** - A friendly and playful name that gives off warm, approachable vibes.\n\n"
                + "Either of these would make an excellent name for your feathered friend! \uD83E\uDD85";
        assertEquals(reply(text, Vector.empty(), new Usage(678, 82, 0, 0), FinishReason.END_TURN, "claude-haiku-4-5-20251001"),
                run.reply());
        assertEquals(4, run.count(TextDelta.class));
    }

    @Test
    void tool_search_0_server_tool_use_is_not_a_tool_call_and_usage_is_the_final_total() {
        StreamRun run = sse("test_anthropic_native_tool_search_streaming.0.response.sse");
        // Text blocks 0 and 3 joined as they are; srvtoolu_… (block 1) is Anthropic's own tool, not ours.
        // Input tokens: 702 at message_start, 1591 in message_delta after the server tool ran.
        assertEquals(reply("Let me search for a tool that can provide current exchange rate information."
                        + "I found the right tool! Let me fetch the current USD to EUR exchange rate for you.",
                Vector.of(new ToolCall("toolu_01EFn5wTNBYA8Reni8rbmnHT", "get_exchange_rate",
                        "{\"from_currency\":\"USD\",\"to_currency\":\"EUR\"}")),
                new Usage(1591, 175, 0, 0), FinishReason.TOOL_CALLS, "claude-sonnet-4-6"), run.reply());
        assertEquals(List.of(new ToolCallStarted(0, "toolu_01EFn5wTNBYA8Reni8rbmnHT", "get_exchange_rate"),
                        new ToolArgumentsDelta(0, "{\"from_"), new ToolArgumentsDelta(0, "curre"), new ToolArgumentsDelta(0, "ncy\""),
                        new ToolArgumentsDelta(0, ": \"US"), new ToolArgumentsDelta(0, "D\""), new ToolArgumentsDelta(0, ", \""),
                        new ToolArgumentsDelta(0, "to_currency\""), new ToolArgumentsDelta(0, ": \"EUR\"}")),
                run.deltas().stream().filter(d -> !(d instanceof TextDelta)).toList());
    }

    @Test
    void tool_search_1_text_after_the_tool_result_round_trip() {
        StreamRun run = sse("test_anthropic_native_tool_search_streaming.1.response.sse");
        assertEquals(reply("The current exchange rate is **1 USD = 0.92 EUR**. This means that for every US Dollar, "
                        + "you get approximately **92 Euro cents**. Keep in mind that exchange rates fluctuate constantly, "
                        + "so this rate may change throughout the day.",
                Vector.empty(), new Usage(1007, 59, 0, 0), FinishReason.END_TURN, "claude-sonnet-4-6"), run.reply());
    }

    @Test
    void code_execution_thinking_is_reasoning_server_tool_dropped_keycaps_intact() {
        StreamRun run = sse("test_anthropic_code_execution_tool_stream.0.response.sse");
        String keycap1 = "1\uFE0F\u20E3";
        String text = "I'll calculate that expression for you right away!"
                + "Following the standard **order of operations (PEMDAS/BODMAS)** \u2014 multiplication is performed before"
                + " addition and subtraction \u2014 here's the breakdown:\n\n"
                + "| Step | Operation | Result |\n|------|-----------|--------|\n"
                + "| " + keycap1 + " | `6544 \u00D7 65464` | `428,394,416` |\n"
                + "| 2\uFE0F\u20E3 | `65465 - 428,394,416` | `-428,328,951` |\n"
                + "| 3\uFE0F\u20E3 | `-428,328,951 - 6` | `-428,328,957` |\n"
                + "| 4\uFE0F\u20E3 | `-428,328,957 + 1.02255` | **`-428,328,955.97745`** |\n\n"
                + "### \u2705 Final Answer: **-428,330,955.97745**";
        assertEquals(reply(text, Vector.empty(), new Usage(4714, 304, 0, 0), FinishReason.END_TURN, "claude-sonnet-4-6"), run.reply());
        assertEquals(List.<StreamDelta>of(new ReasoningDelta("Let"), new ReasoningDelta(" me calculate this mathematical expression.")),
                run.deltas().stream().filter(d -> d instanceof ReasoningDelta).toList());
        assertEquals(0, run.count(ToolCallStarted.class), "bash_code_execution is a server tool");
        assertEquals(0, run.count(ToolArgumentsDelta.class), "its split escaped quotes never reach the reply");
    }

    @Test
    void quoted_tool_input_escaped_quotes_split_across_fragments() {
        StreamRun run = chunks("anthropic-issue-11719-quoted-tool-input.chunks.txt");
        String arguments = "{\"website_path\":\"/home/user/pace-landing\",\"tasks\":[{\"description\":\"Today you post every run"
                + " to Strava, but Strava does not answer the question: \\\"What should I do next after this run?\\\". It is a"
                + " great log, but it is not adaptive.\",\"type\":\"feature\",\"passes\":false}]}";
        assertEquals(reply("", Vector.of(new ToolCall("toolu_01Cr31vcGoeeRgi3Eo5Ds8qN", "website_update", arguments)),
                new Usage(912, 118, 0, 0), FinishReason.TOOL_CALLS, "claude-sonnet-4-5-20250929"), run.reply());
    }

    @Test
    void tool_no_args_text_then_a_tool_use_with_only_an_empty_fragment() {
        StreamRun run = chunks("anthropic-tool-no-args.chunks.txt");
        assertEquals(reply("I'll update the issue list for you.",
                Vector.of(new ToolCall("toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList", "{}")),
                new Usage(565, 48, 0, 0), FinishReason.TOOL_CALLS, "claude-sonnet-4-5-20250929"), run.reply());
        assertEquals(List.of(new TextDelta("I'll update the issue list for"), new TextDelta(" you."),
                new ToolCallStarted(0, "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList")), run.deltas());
    }
}
