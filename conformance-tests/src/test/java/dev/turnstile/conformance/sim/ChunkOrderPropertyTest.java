package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.BudgetPolicy;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.ToolErrorKind;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import io.vavr.collection.Vector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Results are recorded in call order whatever order they arrive in: for batches of up to 5 calls,
 * every arrival order the concurrency cap allows (all 120 permutations when the cap is at least the
 * batch size) gives the identical transcript and the identical next model request.
 */
class ChunkOrderPropertyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void everyArrivalOrderGivesTheSameTranscriptAndRequest() {
        int explored = 0;
        int largest = 0;
        for (int calls = 1; calls <= 5; calls++) {
            for (long seed = 0; seed < 12; seed++) {
                int orders = exploreBatch(seed * 8 + calls, calls);
                explored += orders;
                largest = Math.max(largest, orders);
            }
        }
        System.out.println("chunk-order property: " + explored + " arrival orders explored");
        assertEquals(120, largest, "some 5-call batch must be explored in all 5! orders");
    }

    /** Builds one batch from {@code seed} and checks every arrival order; returns how many orders there were. */
    private int exploreBatch(long seed, int calls) {
        Dice dice = new Dice(seed);
        MachineConfig.Builder builder = ConfigGenerator.draw(dice).toBuilder();
        MachineConfig drawn = builder.build();
        drawn.tools().forEach(t -> builder.maxCallsPerTool(t.name(), 64));
        MachineConfig config = builder
                .permissions(ToolPermissions.ALLOW_ALL)
                .budget(BudgetPolicy.UNLIMITED)
                .maxRounds(3)
                .maxToolCallsPerTurn(64)
                .stopTurnOnToolFailure(false)
                .toolTimeoutMillis(3_600_000)
                .maxParallelTools(seed % 3 == 0 ? dice.between(1, calls) : Math.max(calls, 1))
                .build();
        Vector<ToolCall> batch = Vector.empty();
        Set<String> failing = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            ToolSpec spec = dice.pick(config.tools().asJava());
            boolean invalid = seed % 4 == 0 && dice.chance(0.3);
            String arguments = invalid ? ArgumentGenerator.malformed(dice) : ArgumentGenerator.valid(spec.inputSchema(), dice);
            batch = batch.append(new ToolCall("call_" + i, spec.name(), arguments));
            if (dice.chance(0.3)) {
                failing.add("call_" + i);
            }
        }
        TurnMachine machine = new TurnMachine(config);
        SessionState start = machine.start("chunk-" + seed, seed, T0);
        Step asked = machine.step(start, Input.UserMessageReceived.of(T0.plusMillis(1), "run the batch"));
        EffectId call = ((Effect.CallModel) asked.commands().head()).id();
        ModelReply reply = new ModelReply(new AssistantMessage("", batch), Usage.of(10, 10), FinishReason.TOOL_CALLS,
                config.model());
        Step opened = machine.step(asked.state(), new Input.ModelReplied(T0.plusMillis(2), call, reply));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        explore(machine, opened, running(opened, Map.of()), failing, 3, new ArrayList<>(), outcomes);
        assertTrue(!outcomes.isEmpty(), "seed " + seed + ": no order completed the batch");
        Outcome first = outcomes.values().iterator().next();
        outcomes.forEach((order, outcome) -> {
            assertEquals(first.transcript(), outcome.transcript(), "seed " + seed + ", order " + order);
            assertEquals(first.request(), outcome.request(), "seed " + seed + ", order " + order);
        });
        assertEquals(java.util.Optional.empty(), TranscriptValidator.validate(first.transcript(), false));
        return outcomes.size();
    }

    private record Outcome(Vector<Message> transcript, ModelRequest request) {}

    /** Every order of answering the runs in flight, depth first, one answer per step. */
    private void explore(TurnMachine machine, Step step, Map<EffectId, ToolCall> running, Set<String> failing,
            long millis, List<String> order, Map<String, Outcome> outcomes) {
        var next = step.commands().find(e -> e instanceof Effect.CallModel);
        if (next.isDefined()) {
            outcomes.put(String.join(",", order), new Outcome(step.state().transcript(),
                    ((Effect.CallModel) next.get()).request()));
            return;
        }
        for (Map.Entry<EffectId, ToolCall> run : running.entrySet()) {
            ToolCall call = run.getValue();
            Instant at = T0.plusMillis(millis);
            Input answer = failing.contains(call.id())
                    ? new Input.ToolFailed(at, run.getKey(), ToolErrorKind.TOOL_ERROR, "failed " + call.id())
                    : new Input.ToolSucceeded(at, run.getKey(), "output of " + call.id() + " " + call.argumentsJson());
            Step after = machine.step(step.state(), answer);
            Map<EffectId, ToolCall> still = new LinkedHashMap<>(running);
            still.remove(run.getKey());
            order.add(call.id());
            explore(machine, after, running(after, still), failing, millis + 1, order, outcomes);
            order.remove(order.size() - 1);
        }
    }

    private static Map<EffectId, ToolCall> running(Step step, Map<EffectId, ToolCall> before) {
        Map<EffectId, ToolCall> out = new LinkedHashMap<>(before);
        for (Effect e : step.commands()) {
            if (e instanceof Effect.RunTool r) {
                out.put(r.id(), r.call());
            }
        }
        return out;
    }
}
