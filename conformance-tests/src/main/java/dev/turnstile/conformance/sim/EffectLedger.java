package dev.turnstile.conformance.sim;

import static dev.turnstile.conformance.sim.Broken.require;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.model.ToolSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tracks every effect from issue to settlement (answered, abandoned, timed out, or forgotten through
 * {@code Recovered}) and decides, independently of the machine, whether each answer must be
 * accepted or rejected.
 */
final class EffectLedger {

    private final MachineConfig config;
    private final ToolArguments tools;
    private final TreeMap<Long, Effect> inFlight = new TreeMap<>();
    private final Map<String, Integer> runsByIdempotencyKey = new HashMap<>();
    private long lastId;

    EffectLedger(MachineConfig config, ToolArguments tools) {
        this.config = config;
        this.tools = tools;
    }

    void check(StepFacts f) {
        ObservedStep s = f.step();
        checkAnswer(f);
        int preFired = f.preFired.size();
        int index = 0;
        for (Effect effect : s.effects()) {
            if (index++ == preFired && s.input() instanceof Input.Recovered) {
                inFlight.clear();
            }
            apply(s, effect);
        }
        if (s.input() instanceof Input.Recovered && preFired >= s.effects().size()) {
            inFlight.clear();
        }
        afterStep(s);
    }

    /** Every effect must be settled once the session has drained. */
    void atEnd() {
        require(inFlight.isEmpty(), Invariant.EFFECTS_SETTLED,
                () -> "the session drained with effects still in flight: " + inFlight.keySet());
    }

    private void checkAnswer(StepFacts f) {
        ObservedStep s = f.step();
        EffectId target = answeredId(s.input());
        if (target == null) {
            return;
        }
        Effect effect = inFlight.get(target.value());
        boolean closedByTime = f.preFired.exists(e -> e instanceof Effect.Abandon a && a.id().equals(target));
        boolean expectAccepted = effect != null && kindMatches(s.input(), effect) && !closedByTime;
        require(expectAccepted == !s.rejected(), Invariant.ANSWER_ACCEPTANCE, () -> s.input().getClass().getSimpleName()
                + " for " + target + " was " + (s.rejected() ? "rejected" : "accepted") + " but the effect is "
                + (effect == null ? "not in flight" : closedByTime ? "timed out just before"
                        : kindMatches(s.input(), effect) ? "in flight" : "of another kind: " + effect));
        if (expectAccepted) {
            Instant deadline = deadline(effect);
            require(s.after().now().isBefore(deadline), Invariant.DEADLINES_HONOURED,
                    () -> "an answer to " + target + " was accepted at " + s.after().now() + ", its deadline was "
                            + deadline);
            inFlight.remove(target.value());
        }
    }

    private void apply(ObservedStep s, Effect effect) {
        switch (effect) {
            case Effect.Abandon a -> require(inFlight.remove(a.id().value()) != null, Invariant.DEADLINES_HONOURED,
                    () -> "Abandon " + a.id() + " targets an effect that is not in flight (" + a.reason() + ")");
            case Effect.CallModel c -> issue(c.id(), c);
            case Effect.CheckBudget b -> issue(b.id(), b);
            case Effect.RunTool r -> {
                issue(r.id(), r);
                int runs = runsByIdempotencyKey.merge(r.idempotencyKey(), 1, Integer::sum);
                boolean idempotent = tools.spec(r.call().name()).map(ToolSpec::idempotent).orElse(false);
                require(runs == 1 || (idempotent && s.input() instanceof Input.Recovered), Invariant.NO_DOUBLE_RUN,
                        () -> "idempotency key " + r.idempotencyKey() + " of " + (idempotent ? "" : "non-")
                                + "idempotent tool " + r.call().name() + " issued " + runs + " times, now on "
                                + s.input().getClass().getSimpleName());
            }
            case Effect.Emit(Event.TurnFinished t) -> require(inFlight.isEmpty(), Invariant.EFFECTS_SETTLED,
                    () -> "turn " + t.context().turn() + " ended with effects still in flight: " + inFlight.keySet());
            case Effect.Emit e -> { }
            case Effect.RequestApproval a -> { }
            case Effect.SaveCheckpoint cp -> { }
        }
    }

    private void issue(EffectId id, Effect effect) {
        require(id.value() > lastId, Invariant.EFFECT_IDS_INCREASING,
                () -> "effect id " + id + " issued after e" + lastId);
        lastId = id.value();
        inFlight.put(id.value(), effect);
    }

    private void afterStep(ObservedStep s) {
        Instant now = s.after().now();
        int toolWork = 0;
        Instant earliest = null;
        for (Effect effect : inFlight.values()) {
            Instant deadline = deadline(effect);
            require(deadline.isAfter(now), Invariant.DEADLINES_HONOURED,
                    () -> effect.getClass().getSimpleName() + " is still in flight at " + now + ", past its deadline "
                            + deadline);
            earliest = earliest == null || deadline.isBefore(earliest) ? deadline : earliest;
            if (effect instanceof Effect.RunTool || (effect instanceof Effect.CheckBudget b
                    && b.subject().startsWith("tool:"))) {
                toolWork++;
            }
        }
        int work = toolWork;
        require(work <= config.maxParallelTools(), Invariant.CONCURRENCY_CAP,
                () -> work + " tool runs and checks in flight, the cap is " + config.maxParallelTools());
        Instant first = earliest;
        if (first != null) {
            require(s.step().wake().exists(w -> !w.at().isAfter(first)), Invariant.WAKE_IN_TIME,
                    () -> "wake " + s.step().wake() + " is later than the deadline " + first + " of work in flight");
        }
    }

    static EffectId answeredId(Input input) {
        return switch (input) {
            case Input.ModelReplied r -> r.effectId();
            case Input.ModelFailed r -> r.effectId();
            case Input.ToolSucceeded r -> r.effectId();
            case Input.ToolFailed r -> r.effectId();
            case Input.BudgetChecked r -> r.effectId();
            case Input.UserMessageReceived r -> null;
            case Input.ApprovalDecided r -> null;
            case Input.CancelRequested r -> null;
            case Input.TimeAdvanced r -> null;
            case Input.Recovered r -> null;
        };
    }

    private static boolean kindMatches(Input input, Effect effect) {
        return switch (input) {
            case Input.ModelReplied r -> effect instanceof Effect.CallModel;
            case Input.ModelFailed r -> effect instanceof Effect.CallModel;
            case Input.ToolSucceeded r -> effect instanceof Effect.RunTool;
            case Input.ToolFailed r -> effect instanceof Effect.RunTool;
            case Input.BudgetChecked r -> effect instanceof Effect.CheckBudget;
            case Input.UserMessageReceived r -> false;
            case Input.ApprovalDecided r -> false;
            case Input.CancelRequested r -> false;
            case Input.TimeAdvanced r -> false;
            case Input.Recovered r -> false;
        };
    }

    static Instant deadline(Effect effect) {
        return switch (effect) {
            case Effect.CallModel c -> c.deadline();
            case Effect.RunTool r -> r.deadline();
            case Effect.CheckBudget b -> b.deadline();
            case Effect.Abandon a -> throw notWork(effect);
            case Effect.RequestApproval a -> throw notWork(effect);
            case Effect.SaveCheckpoint cp -> throw notWork(effect);
            case Effect.Emit e -> throw notWork(effect);
        };
    }

    private static IllegalArgumentException notWork(Effect effect) {
        return new IllegalArgumentException("not work in flight: " + effect);
    }
}
