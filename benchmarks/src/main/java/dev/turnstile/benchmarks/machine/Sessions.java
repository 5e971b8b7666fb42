package dev.turnstile.benchmarks.machine;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import io.vavr.collection.Vector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds machine states the honest way, by stepping a real machine through complete turns, and
 * records the inputs it fed (for the replay benchmark's journal). One turn of the session used here
 * is: a user message, then {@code toolRounds} rounds in which the model asks for {@code add}, then a
 * round in which the model answers with text. A turn with {@code toolRounds = 1} adds four messages
 * to the transcript (user, assistant with a call, tool result, assistant text).
 */
public final class Sessions {

    /** When every benchmark session starts. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final TurnMachine machine;
    private final Consumer<Recorded> recorder;
    private SessionState state;
    private Instant now = T0;
    private long calls;

    /** An input that was stepped and the step it produced. */
    public record Recorded(Input input, Step step) {}

    /** A session over {@code machine}, started at {@link #T0}, telling {@code recorder} every step. */
    public Sessions(TurnMachine machine, Consumer<Recorded> recorder) {
        this.machine = machine;
        this.recorder = recorder;
        this.state = machine.start("bench-session", 42L, T0);
    }

    /** A session that records nothing. */
    public Sessions(TurnMachine machine) {
        this(machine, r -> { });
    }

    /** The config used by every machine benchmark: two tools with small JSON schemas, high limits. */
    public static MachineConfig config() {
        return MachineConfig.builder("bench-model")
                .systemPrompt("You are a benchmark.")
                .tool(new ToolSpec("add", "Adds two integers",
                        Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                                + "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}"), true))
                .tool(new ToolSpec("lookup", "Reads a value by key",
                        Json.parse("{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"}},"
                                + "\"required\":[\"key\"]}"), true))
                .maxRounds(1_000_000)
                .maxToolCallsPerTurn(1_000_000)
                .build();
    }

    /** The current state. */
    public SessionState state() {
        return state;
    }

    /** The machine's time: the instant of the last input fed. */
    public Instant now() {
        return now;
    }

    /** The machine. */
    public TurnMachine machine() {
        return machine;
    }

    /** Steps one input (1 ms after the previous one) and returns the step. */
    public Step feed(java.util.function.Function<Instant, Input> input) {
        now = now.plusMillis(1);
        Input in = input.apply(now);
        Step step = machine.step(state, in);
        recorder.accept(new Recorded(in, step));
        state = step.state();
        return step;
    }

    /** Runs complete turns until the transcript holds at least {@code messages} messages. */
    public Sessions turnsUntil(int messages, int toolRounds) {
        while (state.transcript().size() + 2 + 2 * toolRounds <= messages) {
            turn(toolRounds);
        }
        return this;
    }

    /** One complete turn with {@code toolRounds} tool rounds, then a text answer. */
    public void turn(int toolRounds) {
        EffectId call = callModel(userMessage());
        for (int round = 0; round < toolRounds; round++) {
            EffectId run = runTool(modelAsksForAdd(call, round));
            call = callModel(toolSucceeded(run, Integer.toString(round + 1)));
        }
        Step done = modelAnswers(call, "done");
        if (!(done.state().phase() instanceof Phase.AwaitingUser)) {
            throw new IllegalStateException("the turn did not finish: " + done.state().phase());
        }
    }

    /** Feeds a user message; returns the step (expected to hold a CallModel). */
    public Step userMessage() {
        return feed(at -> Input.UserMessageReceived.of(at, "Add one, four times, and look up k2."));
    }

    /** Feeds the model's reply asking for {@code add(round, 1)}. */
    public Step modelAsksForAdd(EffectId call, int round) {
        return feed(at -> modelReplied(at, call, round));
    }

    /** The input a model reply with one {@code add} call is. */
    public Input.ModelReplied modelReplied(Instant at, EffectId call, int round) {
        ToolCall add = new ToolCall("call_" + (++calls), "add", "{\"a\":" + round + ",\"b\":1}");
        return new Input.ModelReplied(at, call, new ModelReply(new AssistantMessage("", Vector.of(add)),
                Usage.of(120, 20), FinishReason.TOOL_CALLS, "bench-model"));
    }

    /** Feeds a tool's success. */
    public Step toolSucceeded(EffectId run, String output) {
        return feed(at -> new Input.ToolSucceeded(at, run, output));
    }

    /** Feeds the model's final text answer. */
    public Step modelAnswers(EffectId call, String text) {
        return feed(at -> new Input.ModelReplied(at, call, new ModelReply(AssistantMessage.text(text),
                Usage.of(140, 10), FinishReason.END_TURN, "bench-model")));
    }

    /** The id of the step's only {@code CallModel}. */
    public static EffectId callModel(Step step) {
        return only(step, Effect.CallModel.class).id();
    }

    /** The id of the step's only {@code RunTool}. */
    public static EffectId runTool(Step step) {
        return only(step, Effect.RunTool.class).id();
    }

    private static <E extends Effect> E only(Step step, Class<E> type) {
        List<E> found = new ArrayList<>();
        for (Effect e : step.effects()) {
            if (type.isInstance(e)) {
                found.add(type.cast(e));
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + type.getSimpleName() + ", got " + step.effects());
        }
        return found.get(0);
    }
}
