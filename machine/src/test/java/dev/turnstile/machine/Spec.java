package dev.turnstile.machine;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The vocabulary the specifications are written in: a fixed clock origin, the standard tools and
 * configs, and short constructors for inputs, messages and effects. Times are written as
 * milliseconds after {@link #T0}, so {@code at(10_001)} reads as "10.001 s into the session".
 */
public final class Spec {

    private Spec() {}

    /** The instant every scenario starts at. */
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** The session id of every scenario unless it says otherwise. */
    public static final String SESSION = "s1";

    /**
     * The default seed. SplitMix64 seeded with 0 draws 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4,
     * 0x06C45D188009454F (the published reference vector), so retry delays can be worked out by hand.
     */
    public static final long SEED = 0L;

    /** Identity labels of every scenario unless it says otherwise. */
    public static final Labels LABELS = new Labels("acme", "alice", "support-agent", "req-42");

    /** The model name of every config. */
    public static final String MODEL = "gpt-test";

    /** Adds two integers; not idempotent (so it is never re-run after a crash). */
    public static final ToolSpec ADD = new ToolSpec("add", "Adds two integers.", Json.parse(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"a\",\"b\"],\"additionalProperties\":false}"), false);

    /** Looks a word up; idempotent (re-run with the same key after a crash). */
    public static final ToolSpec LOOKUP = new ToolSpec("lookup", "Looks a word up.", Json.parse(
            "{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\"}},\"required\":[\"word\"]}"), true);

    /** Deletes a file; for permission policies. */
    public static final ToolSpec DELETE_FILE = new ToolSpec("delete_file", "Deletes a file.", Json.parse(
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"), false);

    /** 3 attempts, 1 s doubling up to 8 s, retry-after honoured up to 5 s, 10 % jitter. */
    public static final RetryPolicy RETRY = new RetryPolicy(3, 1_000, 8_000, 5_000, 10);

    /**
     * The standard config: system prompt "Be brief.", tools add and lookup, model calls time out
     * after 10 s, tools after 5 s, {@link #RETRY}, everything allowed, no budgets.
     */
    public static final MachineConfig BASIC = MachineConfig.builder(MODEL)
            .systemPrompt("Be brief.")
            .tool(ADD)
            .tool(LOOKUP)
            .modelCallTimeoutMillis(10_000)
            .toolTimeoutMillis(5_000)
            .retry(RETRY)
            .build();

    /** {@link #BASIC} with a host budget guard that must answer within 500 ms. */
    public static final MachineConfig GUARDED = BASIC.toBuilder()
            .budget(new BudgetPolicy(BudgetLimits.NONE, BudgetLimits.NONE, 80, TreeMap.empty(), Option.some(500L)))
            .build();

    /** {@code ms} milliseconds after {@link #T0}. */
    public static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    /** Effect id {@code n}. */
    public static EffectId e(long n) {
        return new EffectId(n);
    }

    // ---- inputs ----

    /** The user says {@code text}, delivered at the next boundary, without an idempotency key. */
    public static Input.UserMessageReceived userSays(long ms, String text) {
        return Input.UserMessageReceived.of(at(ms), text);
    }

    /** The user says {@code text} with a delivery policy. */
    public static Input.UserMessageReceived userSays(long ms, String text, Delivery delivery) {
        return new Input.UserMessageReceived(at(ms), text, delivery, Option.none());
    }

    /** The user says {@code text} with an idempotency key. */
    public static Input.UserMessageReceived userSaysKeyed(long ms, String text, String key) {
        return new Input.UserMessageReceived(at(ms), text, Delivery.NEXT_BOUNDARY, Option.some(key));
    }

    /** The model call {@code id} answered {@code text} with the given usage. */
    public static Input.ModelReplied replyText(long ms, EffectId id, String text, long in, long out) {
        return new Input.ModelReplied(at(ms), id, new ModelReply(AssistantMessage.text(text), Usage.of(in, out),
                FinishReason.END_TURN, MODEL));
    }

    /** The model call {@code id} asked for {@code calls} with the given usage. */
    public static Input.ModelReplied replyTools(long ms, EffectId id, long in, long out, ToolCall... calls) {
        return new Input.ModelReplied(at(ms), id, new ModelReply(new AssistantMessage("", Vector.of(calls)),
                Usage.of(in, out), FinishReason.TOOL_CALLS, MODEL));
    }

    /** The model call {@code id} failed. */
    public static Input.ModelFailed modelFailed(long ms, EffectId id, FailureKind kind, String message) {
        return new Input.ModelFailed(at(ms), id, kind, Option.none(), message, "");
    }

    /** The model call {@code id} was rate limited with a retry-after. */
    public static Input.ModelFailed rateLimited(long ms, EffectId id, long retryAfterMillis) {
        return new Input.ModelFailed(at(ms), id, FailureKind.RATE_LIMITED, Option.some(retryAfterMillis),
                "HTTP 429 Too Many Requests", "");
    }

    /** The tool run {@code id} returned {@code output}. */
    public static Input.ToolSucceeded toolOk(long ms, EffectId id, String output) {
        return new Input.ToolSucceeded(at(ms), id, output);
    }

    /** The tool run {@code id} failed. */
    public static Input.ToolFailed toolFailed(long ms, EffectId id, String message) {
        return new Input.ToolFailed(at(ms), id, ToolErrorKind.TOOL_ERROR, message);
    }

    /** {@code principal} approved {@code approvalId}. */
    public static Input.ApprovalDecided approve(long ms, String approvalId, String principal) {
        return new Input.ApprovalDecided(at(ms), approvalId, Decision.APPROVE, "looks fine", principal, Option.none());
    }

    /** {@code principal} approved {@code approvalId} with edited arguments. */
    public static Input.ApprovalDecided approveEdited(long ms, String approvalId, String principal, String arguments) {
        return new Input.ApprovalDecided(at(ms), approvalId, Decision.APPROVE, "fixed the numbers", principal,
                Option.some(arguments));
    }

    /** {@code principal} denied {@code approvalId} for {@code reason}. */
    public static Input.ApprovalDecided deny(long ms, String approvalId, String principal, String reason) {
        return new Input.ApprovalDecided(at(ms), approvalId, Decision.DENY, reason, principal, Option.none());
    }

    /** The budget guard answered check {@code id}. */
    public static Input.BudgetChecked guard(long ms, EffectId id, BudgetVerdict verdict, String reason) {
        return new Input.BudgetChecked(at(ms), id, verdict, reason);
    }

    /** Someone asked to cancel. */
    public static Input.CancelRequested cancel(long ms, String reason) {
        return new Input.CancelRequested(at(ms), reason);
    }

    /** The wake timer fired at {@code ms}. */
    public static Input.TimeAdvanced tick(long ms) {
        return new Input.TimeAdvanced(at(ms));
    }

    /** The session was recovered at {@code ms}. */
    public static Input.Recovered recovered(long ms) {
        return new Input.Recovered(at(ms));
    }

    // ---- transcript ----

    /** A tool call. */
    public static ToolCall call(String id, String name, String argumentsJson) {
        return new ToolCall(id, name, argumentsJson);
    }

    /** A user message. */
    public static UserMessage user(String text) {
        return new UserMessage(text);
    }

    /** An assistant message with text and calls. */
    public static AssistantMessage assistant(String text, ToolCall... calls) {
        return new AssistantMessage(text, Vector.of(calls));
    }

    /** A successful tool result for {@code call}. */
    public static ToolResultMessage ok(ToolCall call, String content) {
        return new ToolResultMessage(call.id(), call.name(), content, false);
    }

    /** An error tool result for {@code call}. */
    public static ToolResultMessage err(ToolCall call, String content) {
        return new ToolResultMessage(call.id(), call.name(), content, true);
    }

    /** A transcript. */
    public static Vector<Message> transcript(Message... messages) {
        return Vector.of(messages);
    }

    // ---- effects and state pieces ----

    /** The effect publishing {@code event}. */
    public static Effect.Emit emit(Event event) {
        return new Effect.Emit(event);
    }

    /** A tool slot. */
    public static ToolSlot slot(int index, ToolCall call, String idempotencyKey, ToolSlot.State state) {
        return new ToolSlot(index, call, idempotencyKey, state);
    }

    /** A running slot state. */
    public static ToolSlot.Running running(long effectId, long deadlineMs) {
        return new ToolSlot.Running(e(effectId), at(deadlineMs));
    }

    /** An answered slot state. */
    public static ToolSlot.Answered answered(ToolResultMessage result) {
        return new ToolSlot.Answered(result);
    }

    /** Usage without cache detail. */
    public static Usage usage(long in, long out) {
        return Usage.of(in, out);
    }

    /** A meter with usage, cost, rounds and tool runs, and no thresholds reported. */
    public static Meter meter(Usage usage, long costMicros, int rounds, int toolRuns) {
        return new Meter(usage, costMicros, rounds, toolRuns, io.vavr.collection.TreeSet.empty());
    }

    /** The usage-by-model map of a session that used only {@link #MODEL}. */
    public static TreeMap<String, Usage> byModel(Usage usage) {
        return TreeMap.of(MODEL, usage);
    }

    /** The {@code Stopped} outcome for {@code reason}. */
    public static Outcome stopped(StopReason reason) {
        return new Outcome.Stopped(reason);
    }
}
