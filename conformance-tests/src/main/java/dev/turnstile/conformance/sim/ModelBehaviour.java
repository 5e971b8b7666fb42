package dev.turnstile.conformance.sim;

import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The simulated model: for each call, a reply (text, zero or more tool calls of which some are
 * malformed, unknown or break their schema, sometimes cut short by the output limit) or a failure
 * of any {@link FailureKind}, with a retry-after for rate limits. Tool use fades with the round so
 * that turns end.
 */
final class ModelBehaviour {

    private final MachineConfig config;
    private final WorldProfile profile;
    private final Dice dice;
    private long callIds;

    ModelBehaviour(MachineConfig config, WorldProfile profile, Dice dice) {
        this.config = config;
        this.profile = profile;
        this.dice = dice;
    }

    /** The answer to {@code call} in round {@code round}, built when it is delivered. */
    Function<Instant, Input> answer(Effect.CallModel call, int round) {
        EffectId id = call.id();
        if (dice.chance(profile.modelFailureRate())) {
            FailureKind kind = failureKind();
            Option<Long> retryAfter = kind == FailureKind.RATE_LIMITED && dice.chance(0.7)
                    ? Option.some(dice.between(0L, 25_000L))
                    : Option.none();
            String partial = dice.chance(0.3) ? "partial answer that must never be committed" : "";
            return at -> new Input.ModelFailed(at, id, kind, retryAfter, "simulated " + kind, partial);
        }
        ModelReply reply = reply(call, round);
        return at -> new Input.ModelReplied(at, id, reply);
    }

    private FailureKind failureKind() {
        double u = dice.unit();
        return u < 0.4 ? FailureKind.RETRYABLE : u < 0.7 ? FailureKind.RATE_LIMITED
                : u < 0.8 ? FailureKind.CONTEXT_OVERFLOW : u < 0.9 ? FailureKind.FATAL : FailureKind.CANCELLED;
    }

    private ModelReply reply(Effect.CallModel call, int round) {
        boolean grace = call.request().toolChoice() == ToolChoice.NONE;
        double toolRate = profile.toolCallRate() / (1 << Math.min(Math.max(round - 1, 0), 10));
        boolean tools = grace ? dice.chance(profile.graceDisobeyRate()) : dice.chance(toolRate);
        Vector<ToolCall> calls = Vector.empty();
        if (tools) {
            int count = config.parallelToolCalls() || dice.chance(0.1) ? dice.between(1, profile.maxCallsPerReply()) : 1;
            boolean sloppyIds = dice.chance(0.1);
            for (int i = 0; i < count; i++) {
                calls = calls.append(toolCall(sloppyIds ? String.valueOf(i) : "call_" + (++callIds)));
            }
        }
        String text = tools && dice.chance(0.6) ? "" : "simulated answer " + dice.between(0, 9999);
        FinishReason finish = finishReason(tools);
        long input = promptChars(call.request().messages()) / 4 + dice.between(0, 60);
        long output = finish == FinishReason.MAX_TOKENS && config.maxOutputTokens().isDefined()
                ? config.maxOutputTokens().get()
                : dice.between(1, 400);
        String model = dice.chance(0.1) ? ConfigGenerator.MODEL + "-2026-01-01" : config.model();
        return new ModelReply(new AssistantMessage(text, calls), Usage.of(input, output), finish, model);
    }

    private ToolCall toolCall(String id) {
        List<ToolSpec> specs = config.tools().asJava();
        if (specs.isEmpty() || dice.chance(profile.badCallRate() / 3)) {
            return new ToolCall(id, dice.chance(0.5) ? "no_such_tool" : "Search", "{}");
        }
        ToolSpec spec = dice.pick(specs);
        if (dice.chance(profile.badCallRate() / 3)) {
            return new ToolCall(id, spec.name(), ArgumentGenerator.malformed(dice));
        }
        if (dice.chance(profile.badCallRate() / 3)) {
            return new ToolCall(id, spec.name(), ArgumentGenerator.violation(spec.inputSchema(), dice));
        }
        String arguments = ArgumentGenerator.valid(spec.inputSchema(), dice);
        if (dice.chance(0.03)) {
            arguments = dice.chance(0.5) ? "" : " " + arguments + "\n";
        }
        return new ToolCall(id, spec.name(), arguments);
    }

    private FinishReason finishReason(boolean tools) {
        if (dice.chance(profile.maxTokensRate())) {
            return FinishReason.MAX_TOKENS;
        }
        if (dice.chance(0.05)) {
            return dice.pick(List.of(FinishReason.UNKNOWN, FinishReason.STOP_SEQUENCE, FinishReason.CONTENT_FILTER,
                    FinishReason.END_TURN));
        }
        return tools ? FinishReason.TOOL_CALLS : FinishReason.END_TURN;
    }

    private static long promptChars(Vector<Message> messages) {
        long chars = 0;
        for (Message m : messages) {
            chars += switch (m) {
                case UserMessage u -> u.text().length();
                case AssistantMessage a -> a.text().length() + 40L * a.toolCalls().size();
                case ToolResultMessage r -> r.content().length();
            };
        }
        return chars;
    }
}
