package dev.turnstile.conformance.sim;

import static dev.turnstile.conformance.sim.Broken.require;

import dev.turnstile.machine.BudgetLimits;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.BudgetScope;
import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Meter;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Budgets from the outside: the checker keeps its own meters from accepted replies and started
 * runs, compares them with the machine's (which must never shrink or reset), and checks every model
 * call and tool run against the hard limits and, when configured, the host guard.
 */
final class BudgetLedger {

    /** The checker's own count of one scope's consumption. */
    private static final class Count {
        Usage usage = Usage.ZERO;
        long costMicros;
        int rounds;
        int toolRuns;
    }

    private final MachineConfig config;
    private final Count session = new Count();
    private Count turn = new Count();
    private Instant turnStartedAt;
    private final Set<String> keysRun = new HashSet<>();
    private final Map<Long, String> checkSubjects = new HashMap<>();

    BudgetLedger(MachineConfig config, SessionState start) {
        this.config = config;
        start.turnProgress().forEach(t -> turnStartedAt = t.startedAt());
    }

    void check(StepFacts f) {
        ObservedStep s = f.step();
        boolean accepted = !s.rejected();
        if (accepted && s.input() instanceof Input.ModelReplied r) {
            Usage u = r.reply().usage();
            long cost = config.budget().costMicros(config.model(), u.inputTokens(), u.outputTokens());
            for (Count c : new Count[] {session, turn}) {
                c.usage = c.usage.plus(u);
                c.costMicros += cost;
                c.rounds++;
            }
        }
        int runsOnThisGuardVerdict = 0;
        for (Effect effect : s.effects()) {
            switch (effect) {
                case Effect.Emit(Event.TurnStarted t) -> {
                    turn = new Count();
                    turnStartedAt = t.context().at();
                }
                case Effect.Emit(Event.TurnFinished t) -> checkStop(t.outcome());
                case Effect.Emit e -> { }
                case Effect.CheckBudget b -> {
                    require(config.budget().guardDeadlineMillis().isDefined(), Invariant.GUARD_CONSULTED,
                            () -> "a budget check was issued without a configured guard");
                    checkSubjects.put(b.id().value(), b.subject());
                }
                case Effect.CallModel c -> beforeModelCall(s, c);
                case Effect.RunTool r -> runsOnThisGuardVerdict += beforeToolRun(s, r);
                case Effect.Abandon a -> { }
                case Effect.RequestApproval a -> { }
                case Effect.SaveCheckpoint cp -> { }
            }
        }
        int runs = runsOnThisGuardVerdict;
        require(runs <= 1, Invariant.GUARD_CONSULTED, () -> runs + " new tool runs started on one guard verdict");
        compareMeters(s);
    }

    private void beforeModelCall(ObservedStep s, Effect.CallModel call) {
        if (config.budget().guardDeadlineMillis().isDefined()) {
            require(s.input() instanceof Input.Recovered || allowedBy(s, "model:"), Invariant.GUARD_CONSULTED,
                    () -> "a model call on " + s.input().getClass().getSimpleName() + " without the guard's verdict");
        }
        // The prompt estimate is state: it is only the call's own when the step ends waiting for this
        // call (a step can issue a call, cancel its turn and start the next queued one).
        boolean awaited = s.after().phase() instanceof Phase.AwaitingModel m && m.callId().equals(call.id());
        long estimate = s.after().promptEstimate().estimatedTokens();
        long estimatedCost = config.budget().costMicros(config.model(), estimate, 0);
        for (BudgetScope scope : BudgetScope.values()) {
            Count c = scope == BudgetScope.TURN ? turn : session;
            BudgetLimits limits = config.budget().limits(scope);
            within(limits, scope, BudgetResource.ROUNDS, c.rounds + 1L, "the model call would be round");
            if (awaited) {
                within(limits, scope, BudgetResource.INPUT_TOKENS, c.usage.inputTokens() + estimate, "input tokens");
                within(limits, scope, BudgetResource.TOTAL_TOKENS, c.usage.totalTokens() + estimate, "total tokens");
                within(limits, scope, BudgetResource.COST_MICROS, c.costMicros + estimatedCost, "cost");
            }
            limits.limit(BudgetResource.OUTPUT_TOKENS).forEach(limit -> require(c.usage.outputTokens() < limit,
                    Invariant.BUDGET_RESPECTED, () -> "a model call after the " + scope + " output limit " + limit
                            + " was reached"));
        }
        checkWallTime(s, "model call");
    }

    private int beforeToolRun(ObservedStep s, Effect.RunTool r) {
        boolean rerun = !keysRun.add(r.idempotencyKey());
        boolean guard = config.budget().guardDeadlineMillis().isDefined();
        if (guard) {
            require((rerun && s.input() instanceof Input.Recovered) || (!rerun && allowedBy(s, "tool:" + r.call().name())),
                    Invariant.GUARD_CONSULTED, () -> "tool " + r.call().name() + " ran on "
                            + s.input().getClass().getSimpleName() + " without the guard's verdict");
        }
        if (rerun) {
            return 0;
        }
        for (Count c : new Count[] {session, turn}) {
            c.toolRuns++;
        }
        for (BudgetScope scope : BudgetScope.values()) {
            Count c = scope == BudgetScope.TURN ? turn : session;
            within(config.budget().limits(scope), scope, BudgetResource.TOOL_CALLS, c.toolRuns, "tool runs");
        }
        checkWallTime(s, "tool run");
        return guard ? 1 : 0;
    }

    private boolean allowedBy(ObservedStep s, String subjectPrefix) {
        return s.input() instanceof Input.BudgetChecked b && !s.rejected() && b.verdict() != BudgetVerdict.DENY
                && checkSubjects.getOrDefault(b.effectId().value(), "").startsWith(subjectPrefix);
    }

    private static void within(BudgetLimits limits, BudgetScope scope, BudgetResource resource, long wouldUse,
            String what) {
        limits.limit(resource).forEach(limit -> require(wouldUse <= limit, Invariant.BUDGET_RESPECTED,
                () -> what + ": " + wouldUse + " crosses the " + scope + " " + resource + " limit " + limit));
    }

    private void checkWallTime(ObservedStep s, String what) {
        config.budget().turn().limit(BudgetResource.WALL_TIME_MILLIS).forEach(limit -> {
            long elapsed = Duration.between(turnStartedAt, s.after().now()).toMillis();
            require(elapsed < limit, Invariant.BUDGET_RESPECTED,
                    () -> "a " + what + " " + elapsed + " ms into a turn limited to " + limit + " ms");
        });
    }

    private void checkStop(Outcome outcome) {
        if (outcome instanceof Outcome.Stopped(StopReason.BudgetExhausted b)) {
            require(config.budget().limits(b.scope()).limit(b.resource()).contains(b.limit()),
                    Invariant.BUDGET_RESPECTED, () -> "stopped for a " + b.scope() + " " + b.resource() + " limit of "
                            + b.limit() + " that is not configured");
        }
    }

    private void compareMeters(ObservedStep s) {
        Meter was = s.before().sessionMeter();
        Meter now = s.after().sessionMeter();
        require(now.usage().inputTokens() >= was.usage().inputTokens()
                        && now.usage().outputTokens() >= was.usage().outputTokens()
                        && now.costMicros() >= was.costMicros() && now.rounds() >= was.rounds()
                        && now.toolRuns() >= was.toolRuns() && now.thresholdsHit().containsAll(was.thresholdsHit()),
                Invariant.METERS_MONOTONE, () -> "the session meter went from " + was + " to " + now);
        require(now.usage().equals(session.usage) && now.costMicros() == session.costMicros
                        && now.rounds() == session.rounds && now.toolRuns() == session.toolRuns,
                Invariant.METERS_MONOTONE, () -> "the session meter " + now + " differs from the accepted replies and "
                        + "started runs: usage " + session.usage + ", cost " + session.costMicros + ", rounds "
                        + session.rounds + ", runs " + session.toolRuns);
        s.after().turnProgress().forEach(t -> {
            Meter m = t.meter();
            require(m.usage().equals(turn.usage) && m.costMicros() == turn.costMicros && m.rounds() == turn.rounds
                            && m.toolRuns() == turn.toolRuns, Invariant.METERS_MONOTONE,
                    () -> "the turn meter " + m + " differs from the turn's accepted replies and started runs");
        });
    }
}
