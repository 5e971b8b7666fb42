package dev.turnstile.conformance.sim;

import static dev.turnstile.conformance.sim.Broken.require;

import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.model.ToolCall;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Permissions and approvals: which tools may run, with which arguments, after whose decision; how
 * many calls a turn may run; and that every approval request is resolved exactly once, never
 * approved by a timer.
 */
final class ApprovalLedger {

    private record Pending(ToolCall call, int turn, int round, Option<Instant> expiresAt) {}

    private final MachineConfig config;
    private final ToolArguments tools;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Set<String> resolved = new HashSet<>();
    private final Set<String> approvedCalls = new HashSet<>();
    private final Set<String> slotsRunThisTurn = new HashSet<>();
    private final Map<String, Integer> runsPerToolThisTurn = new HashMap<>();
    private int turn;
    private int round;

    ApprovalLedger(MachineConfig config, ToolArguments tools, int startTurn) {
        this.config = config;
        this.tools = tools;
        this.turn = startTurn;
    }

    void check(StepFacts f) {
        ObservedStep s = f.step();
        if (s.input() instanceof Input.ApprovalDecided d) {
            checkDecision(f, d);
        }
        for (Effect effect : s.effects()) {
            switch (effect) {
                case Effect.Emit(Event.TurnStarted t) -> {
                    turn = t.context().turn();
                    round = 0;
                    slotsRunThisTurn.clear();
                    runsPerToolThisTurn.clear();
                }
                case Effect.Emit(Event.ModelCallStarted m) -> round = m.round();
                case Effect.Emit(Event.ApprovalResolved r) -> resolve(s, r);
                case Effect.Emit(Event.TurnFinished t) -> require(pending.values().stream().noneMatch(p -> p.turn == turn),
                        Invariant.APPROVALS, () -> "turn " + turn + " ended with approvals still pending: " + pending.keySet());
                case Effect.Emit e -> { }
                case Effect.RequestApproval a -> request(s, a);
                case Effect.RunTool r -> checkRun(r);
                case Effect.CallModel c -> { }
                case Effect.CheckBudget b -> { }
                case Effect.Abandon a -> { }
                case Effect.SaveCheckpoint cp -> { }
            }
        }
    }

    private void checkDecision(StepFacts f, Input.ApprovalDecided d) {
        ObservedStep s = f.step();
        Pending p = pending.get(d.approvalId());
        boolean closedByTime = f.preFired.exists(e -> e instanceof Effect.Emit(Event.ApprovalResolved r)
                && r.approvalId().equals(d.approvalId()));
        boolean validEdit = d.decision() == Decision.DENY || d.editedArgumentsJson().isEmpty()
                || (p != null && tools.problem(p.call.name(), d.editedArgumentsJson().get()).isEmpty());
        boolean expectAccepted = p != null && !closedByTime && validEdit;
        require(expectAccepted == !s.rejected(), Invariant.ANSWER_ACCEPTANCE, () -> "the decision on "
                + d.approvalId() + " was " + (s.rejected() ? "rejected" : "accepted") + " but the approval is "
                + (p == null ? "not pending" : closedByTime ? "expired just before" : validEdit ? "pending"
                        : "pending and the edited arguments are invalid"));
    }

    private void request(ObservedStep s, Effect.RequestApproval a) {
        require(config.permissions().verdictFor(a.call().name()) == PermissionVerdict.ASK, Invariant.APPROVALS,
                () -> "approval requested for " + a.call().name() + ", which is not an ask-tool");
        Pending known = pending.get(a.approvalId());
        if (known != null) {
            require(s.input() instanceof Input.Recovered && known.call.equals(a.call()), Invariant.APPROVALS,
                    () -> "approval " + a.approvalId() + " requested again outside a recovery, or for another call");
            return;
        }
        require(!resolved.contains(a.approvalId()), Invariant.APPROVALS,
                () -> "approval id " + a.approvalId() + " was reused");
        pending.put(a.approvalId(), new Pending(a.call(), turn, round, a.expiresAt()));
    }

    private void resolve(ObservedStep s, Event.ApprovalResolved r) {
        Pending p = pending.remove(r.approvalId());
        require(p != null, Invariant.APPROVALS, () -> "approval " + r.approvalId() + " resolved but it is "
                + (resolved.contains(r.approvalId()) ? "already resolved" : "unknown"));
        resolved.add(r.approvalId());
        if (r.expired()) {
            require(r.decision() == Decision.DENY && p.expiresAt.exists(at -> !s.after().now().isBefore(at)),
                    Invariant.APPROVALS, () -> "approval " + r.approvalId() + " expired early or as " + r.decision());
        }
        if (r.decision() != Decision.APPROVE) {
            return;
        }
        require(!r.expired() && s.input() instanceof Input.ApprovalDecided d && d.decision() == Decision.APPROVE
                        && d.approvalId().equals(r.approvalId()), Invariant.APPROVALS,
                () -> "approval " + r.approvalId() + " was approved by " + s.input().getClass().getSimpleName()
                        + ": only a human decision approves");
        String arguments = r.editedArgumentsJson().getOrElse(p.call.argumentsJson());
        approvedCalls.add(callKey(p.turn, p.round, p.call.id(), p.call.name(), arguments));
    }

    private void checkRun(Effect.RunTool r) {
        ToolCall call = r.call();
        require(tools.spec(call.name()).isPresent(), Invariant.PERMISSIONS, () -> "unknown tool " + call.name() + " ran");
        PermissionVerdict verdict = config.permissions().verdictFor(call.name());
        require(verdict != PermissionVerdict.DENY, Invariant.PERMISSIONS, () -> "denied tool " + call.name() + " ran");
        tools.problem(call.name(), call.argumentsJson()).ifPresent(problem -> {
            throw Broken.of(Invariant.PERMISSIONS, call.name() + " ran with invalid arguments: " + problem);
        });
        if (verdict == PermissionVerdict.ASK) {
            require(approvedCalls.contains(callKey(turn, round, call.id(), call.name(), call.argumentsJson())),
                    Invariant.PERMISSIONS, () -> "ask-tool " + call.name() + " ran as " + call
                            + " without an APPROVE decision for exactly that call in turn " + turn + " round " + round);
        }
        if (slotsRunThisTurn.add(r.idempotencyKey())) {
            int runs = runsPerToolThisTurn.merge(call.name(), 1, Integer::sum);
            require(slotsRunThisTurn.size() <= config.maxToolCallsPerTurn(), Invariant.TOOL_LIMITS,
                    () -> slotsRunThisTurn.size() + " tool calls ran this turn, the limit is "
                            + config.maxToolCallsPerTurn());
            require(config.maxCallsPerTool().get(call.name()).forAll(limit -> runs <= limit), Invariant.TOOL_LIMITS,
                    () -> runs + " calls of " + call.name() + " ran this turn, the limit is "
                            + config.maxCallsPerTool().get(call.name()).get());
        }
    }

    private static String callKey(int turn, int round, String callId, String name, String arguments) {
        return turn + "\u0000" + round + "\u0000" + callId + "\u0000" + name + "\u0000" + arguments;
    }
}
