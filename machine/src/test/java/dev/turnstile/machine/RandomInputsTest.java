package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random sessions: inputs chosen from what the state awaits, mixed with stale, unknown, duplicate
 * and backwards-stamped ones, under several configs. The machine must never throw (its invariants
 * run on every step), a rejected input must change nothing but {@code now}, the same inputs must
 * replay to the same steps, and states must survive JSON (every fifth is checked). It must also reach
 * at least {@link #MIN_ROWS_FIRED} rows of the transition table, so that it cannot stay shallow.
 *
 * <p>The seed is printed; reproduce or explore with {@code -Dturnstile.random.seed=<seed>} and
 * {@code -Dturnstile.random.sessions=<n>}.
 */
class RandomInputsTest {

    static final Vector<MachineConfig> CONFIGS = Vector.of(
            Spec.BASIC,
            Spec.GUARDED,
            ApprovalScenarios.ASK_ADD_EXPIRING.toBuilder().tool(Spec.DELETE_FILE).maxParallelTools(1).build(),
            LimitScenarios.ONE_ROUND.toBuilder().maxCallsPerTool("add", 1).maxToolCallsPerTurn(3).build(),
            Spec.BASIC.toBuilder().stopTurnOnToolFailure(true).budget(new BudgetPolicy(
                    BudgetLimits.NONE.with(BudgetResource.WALL_TIME_MILLIS, 20_000).with(BudgetResource.TOOL_CALLS, 3),
                    BudgetLimits.NONE.with(BudgetResource.TOTAL_TOKENS, 6_000), 60, io.vavr.collection.TreeMap.empty(),
                    Option.none())).build(),
            GuardScenarios.GUARDED_ASK_ADD.toBuilder().retry(new RetryPolicy(2, 100, 400, 1_000, 50)).build());

    @Test
    void randomSessionsNeverBreakTheMachine() {
        long seed = Long.getLong("turnstile.random.seed", 0x7E57_5EEDL);
        int sessions = Integer.getInteger("turnstile.random.sessions", 200);
        System.out.println("RandomInputsTest seed=" + seed + " sessions=" + sessions
                + " (reproduce with -Dturnstile.random.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        TransitionRecorder recorder = new TransitionRecorder();
        for (int session = 0; session < sessions; session++) {
            MachineConfig config = CONFIGS.get(session % CONFIGS.size());
            runSession(config, random.split(), seed, session, recorder);
        }
        int fired = Transitions.TABLE.size() - recorder.unvisited().size();
        System.out.println("RandomInputsTest fired " + fired + " of " + Transitions.TABLE.size() + " declared transitions");
        // A walk that stays shallow would prove little: it must reach most of the table.
        org.junit.jupiter.api.Assertions.assertTrue(fired >= MIN_ROWS_FIRED || sessions < 100,
                "the random walk fired only " + fired + " rows; never: " + recorder.unvisited().map(Transitions.Row::key));
    }

    static final int MIN_ROWS_FIRED = 45;

    private static void runSession(MachineConfig config, SplittableRandom random, long seed, int session,
            TransitionRecorder recorder) {
        TurnMachine machine = new TurnMachine(config);
        SessionState start = machine.start("r" + session, random.nextLong(), Spec.T0, Spec.LABELS);
        SessionState state = start;
        List<Input> inputs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        long clock = 0;
        for (int i = 0; i < 60; i++) {
            clock += random.nextInt(10) == 0 ? -random.nextInt(2_000) : random.nextInt(3_000);
            Input input = next(state, machine, random, Spec.at(Math.max(clock, -10_000)));
            inputs.add(input);
            String where = "seed " + seed + ", session " + session + ", step " + (i + 1) + " (" + input + ")";
            TracedStep traced;
            try {
                traced = machine.stepTraced(state, input);
            } catch (RuntimeException e) {
                throw new AssertionError(where + " threw: " + e + "\ninputs: " + inputs, e);
            }
            recorder.record("random", traced.transitions());
            Step step = traced.step();
            if (traced.transitions().isEmpty() && step.effects().size() == 1
                    && step.effects().head() instanceof Effect.Emit(Event.InputRejected r)) {
                Instant now = input.at().isAfter(state.now()) ? input.at() : state.now();
                assertEquals(state.withNow(now), step.state(), where + ": a rejected input changed the state");
            }
            if (i % 5 == 4) {
                assertEquals(step.state(), MachineCodec.decodeState(MachineCodec.encodeState(step.state())), where);
            }
            steps.add(step);
            state = step.state();
        }
        SessionState again = start;
        for (int i = 0; i < inputs.size(); i++) {
            Step step = machine.step(again, inputs.get(i));
            assertEquals(steps.get(i), step, "seed " + seed + ", session " + session + ": replay differs at step " + (i + 1));
            again = step.state();
        }
    }

    /** An input that usually fits the state, sometimes not. */
    private static Input next(SessionState state, TurnMachine machine, SplittableRandom r, Instant at) {
        Vector<EffectId> awaited = awaitedEffects(state);
        Vector<String> approvals = pendingApprovals(state);
        int pick = r.nextInt(100);
        if (pick < 4) {
            return new Input.CancelRequested(at, "random cancel");
        }
        if (pick < 7) {
            return new Input.Recovered(at);
        }
        if (pick < 14) {
            Delivery delivery = r.nextBoolean() ? Delivery.NEXT_BOUNDARY : Delivery.AFTER_TURN;
            Option<String> key = r.nextInt(3) == 0 ? Option.some("k" + r.nextInt(4)) : Option.none();
            return new Input.UserMessageReceived(at, "message " + r.nextInt(100), delivery, key);
        }
        if (pick < 24) {
            Instant wakeAt = machine.wake(state).map(Wake::at).getOrElse(at);
            return new Input.TimeAdvanced(r.nextBoolean() && wakeAt.isAfter(at) ? wakeAt : at);
        }
        if (pick < 32 && !approvals.isEmpty()) {
            String id = approvals.get(r.nextInt(approvals.size()));
            return switch (r.nextInt(4)) {
                case 0 -> new Input.ApprovalDecided(at, id, Decision.DENY, "no", "bob", Option.none());
                case 1 -> new Input.ApprovalDecided(at, id, Decision.APPROVE, "ok", "bob",
                        Option.some(r.nextBoolean() ? "{\"a\":1,\"b\":2}" : "{\"a\":\"x\"}"));
                default -> new Input.ApprovalDecided(at, id, Decision.APPROVE, "ok", "bob", Option.none());
            };
        }
        EffectId id = !awaited.isEmpty() && r.nextInt(8) != 0
                ? awaited.get(r.nextInt(awaited.size()))
                : new EffectId(1 + r.nextInt((int) Math.max(1, state.lastEffectId() + 2)));
        return switch (r.nextInt(7)) {
            case 0, 1 -> new Input.ModelReplied(at, id, reply(r));
            case 2 -> new Input.ModelFailed(at, id, FailureKind.values()[r.nextInt(FailureKind.values().length)],
                    r.nextBoolean() ? Option.some((long) r.nextInt(2_000)) : Option.none(), "failure", "partial");
            case 3 -> new Input.ToolSucceeded(at, id, "output " + r.nextInt(10));
            case 4 -> new Input.ToolFailed(at, id, ToolErrorKind.values()[r.nextInt(ToolErrorKind.values().length)], "boom");
            case 5 -> new Input.BudgetChecked(at, id, BudgetVerdict.values()[r.nextInt(3)], "guard says so");
            default -> new Input.ApprovalDecided(at, "r:approval:" + r.nextInt(3), Decision.APPROVE, "", "", Option.none());
        };
    }

    private static ModelReply reply(SplittableRandom r) {
        Usage usage = Usage.of(r.nextInt(800), r.nextInt(300));
        if (r.nextInt(3) == 0) {
            return new ModelReply(AssistantMessage.text("answer"), usage,
                    r.nextInt(5) == 0 ? FinishReason.MAX_TOKENS : FinishReason.END_TURN, Spec.MODEL);
        }
        Vector<ToolCall> calls = Vector.range(0, 1 + r.nextInt(3)).map(i -> switch (r.nextInt(6)) {
            case 0 -> new ToolCall("c" + i, "add", "{\"a\":" + i + ",\"b\":2}");
            case 1 -> new ToolCall("c" + i, "lookup", "{\"word\":\"w\"}");
            case 2 -> new ToolCall("c" + i, "delete_file", "{\"path\":\"/tmp\"}");
            case 3 -> new ToolCall("c" + i, "weather", "{}");
            case 4 -> new ToolCall("c" + i, "add", "{\"a\": ");
            default -> new ToolCall("c" + i, "add", "");
        });
        return new ModelReply(new AssistantMessage("", calls), usage, FinishReason.TOOL_CALLS, Spec.MODEL);
    }

    private static Vector<EffectId> awaitedEffects(SessionState state) {
        return switch (state.phase()) {
            case Phase.AwaitingModel p -> Vector.of(p.callId());
            case Phase.AwaitingBudgetGuard p -> Vector.of(p.checkId());
            case Phase.AwaitingTools p -> p.slots().flatMap(s -> switch (s.state()) {
                case ToolSlot.Running run -> Option.some(run.runId());
                case ToolSlot.CheckingBudget check -> Option.some(check.checkId());
                default -> Option.<EffectId>none();
            });
            case Phase.AwaitingApproval p -> Vector.empty();
            case Phase.BackingOff p -> Vector.empty();
            case Phase.AwaitingUser p -> Vector.empty();
        };
    }

    private static Vector<String> pendingApprovals(SessionState state) {
        Vector<ToolSlot> slots = switch (state.phase()) {
            case Phase.AwaitingTools p -> p.slots();
            case Phase.AwaitingApproval p -> p.slots();
            default -> Vector.empty();
        };
        return slots.flatMap(s -> s.state() instanceof ToolSlot.AwaitingDecision d ? Option.some(d.approvalId()) : Option.none());
    }
}
