package dev.turnstile.machine;

import static dev.turnstile.machine.CancelScenarios.NOT_AWAITED_SUFFIX;
import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * {@code Recovered} in every phase: model calls are re-issued, the guard asked again, idempotent tools
 * re-run with the same idempotency key, other running tools answered "interrupted: outcome unknown",
 * pending approvals announced again; answers to the effects lost in the crash are rejected.
 */
final class RecoveryScenarios {

    private RecoveryScenarios() {}

    static final String INTERRUPTED = "interrupted: outcome unknown (the session was recovered after a crash while "
            + "this tool was running; it was not re-run because it is not declared idempotent)";

    static Vector<Scenario> all() {
        return Vector.of(recoveredIdle(), recoveredDuringModelCall(), recoveredWhileBackingOff(),
                recoveredWhileGuardDecides(), recoveredIdempotentTool(), recoveredNonIdempotentTool(),
                recoveredInterruptedLeavesApproval(), recoveredDuringApproval(), recoveredWhileGuardChecksTool(),
                recoveredInterruptedThenGuard(), recoveredInterruptedOverBudget());
    }

    static Scenario recoveredIdle() {
        return Scenario.named("recovery while idle: only reported")
                .given(recovered(5), (s, x) -> x
                        .state(s.withNow(at(5)))
                        .effects(emit(new Event.SessionRecovered(x.ctx(0), 0, 0, 0, 0)))
                        .noWake()
                        .fired("AwaitingUser --Recovered--> AwaitingUser"));
    }

    static Scenario recoveredDuringModelCall() {
        return Scenario.named("recovery during a model call: the call is issued again under a new id; an answer "
                        + "to the lost call is rejected")
                .firstTurn(1, "Hi")
                .given(recovered(100), (s, x) -> x
                        .state(s.withNow(at(100)).withLastEffectId(2).withPhase(new Phase.AwaitingModel(e(2), at(10_100), 1)))
                        .effects(x.callModel(e(2), transcript(user("Hi")), at(10_100), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(2), 1, 1)),
                                emit(new Event.SessionRecovered(x.ctx(1), 1, 0, 0, 0)))
                        .wake(at(10_100), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingModel --Recovered--> AwaitingModel"))
                .given(replyText(110, e(1), "Hello", 3, 1), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingModel" + NOT_AWAITED_SUFFIX))
                .given(replyText(120, e(2), "Hello", 3, 1), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(new Outcome.Completed("Hello")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("Hello"), 1, usage(3, 1), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(120)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(transcript(user("Hi"), dev.turnstile.model.AssistantMessage.text("Hello")))
                                        .withSessionMeter(meter(usage(3, 1), 0, 1, 0))
                                        .withUsageByModel(byModel(usage(3, 1)))
                                        .withPromptEstimate(new PromptEstimate(4, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("Hello")))))
                        .noWake());
    }

    static Scenario recoveredWhileBackingOff() {
        return Scenario.named("recovery while backing off: nothing is re-issued, the wake-up still retries")
                .firstTurn(1, "Hi")
                .given(modelFailed(100, e(1), FailureKind.RETRYABLE, "HTTP 503"), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.BackingOff(at(1_033), 2))
                                .withPrng(RetryScenarios.AFTER_ONE_DRAW))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RETRYABLE, "HTTP 503", 2, 933)))
                        .wake(at(1_033), Wake.Reason.RETRY_BACKOFF))
                .given(recovered(500), (s, x) -> x
                        .state(s.withNow(at(500)))
                        .effects(emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 0, 0)))
                        .wake(at(1_033), Wake.Reason.RETRY_BACKOFF)
                        .fired("BackingOff --Recovered--> BackingOff"));
    }

    static Scenario recoveredWhileGuardDecides() {
        return Scenario.named("recovery while the guard decides: the guard is asked again under a new id")
                .config(GUARDED)
                .firstGuardedTurn(1, "Add 2 and 3.", 90, 0)
                .given(recovered(100), (s, x) -> x
                        .state(s.withNow(at(100)).withLastEffectId(2).withPhase(new Phase.AwaitingBudgetGuard(e(2), at(600), 1)))
                        .effects(x.checkBudget(e(2), GuardScenarios.MODEL_SUBJECT, usage(90, 0), 0, at(600)),
                                emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 0, 0)))
                        .wake(at(600), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingBudgetGuard --Recovered--> AwaitingBudgetGuard"))
                .given(guard(110, e(1), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingBudgetGuard" + NOT_AWAITED_SUFFIX));
    }

    static final ToolCall LOOKUP_INK = call("c1", "lookup", "{\"word\":\"ink\"}");
    static final ToolCall ADD_1_2 = call("c1", "add", "{\"a\":1,\"b\":2}");

    /** The model asked for {@code c1} at 20 ms; it runs as e2 until 5 020 ms. */
    static Scenario oneRunning(String name, MachineConfig config, ToolCall c1, Vector<Effect> before) {
        return Scenario.named(name).config(config).firstTurn(1, "Go.")
                .given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)))))
                        .effects(before.append(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)))
                                .append(emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1))))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE));
    }

    static Scenario recoveredIdempotentTool() {
        ToolCall c1 = LOOKUP_INK;
        return oneRunning("recovery while an idempotent tool runs: it runs again with the same idempotency key; "
                        + "the lost run's result is rejected", BASIC, c1, Vector.empty())
                .given(recovered(100), (s, x) -> x
                        .state(s.withNow(at(100)).withLastEffectId(3)
                                .withPhase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(3, 5_100))))))
                        .effects(x.runTool(e(3), c1, "s1:1:1:0", at(5_100)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), c1)),
                                emit(new Event.SessionRecovered(x.ctx(1), 0, 1, 0, 0)))
                        .wake(at(5_100), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --Recovered--> AwaitingTools"))
                .given(toolOk(110, e(2), "a liquid"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingTools" + NOT_AWAITED_SUFFIX))
                .given(toolOk(120, e(3), "a liquid"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(4), at(10_120), 1))
                        .field("last message", st -> st.transcript().last(), ok(c1, "a liquid"))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), c1, ok(c1, "a liquid"))),
                                x.callModel(e(4), s.transcript().append(ok(c1, "a liquid")), at(10_120), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(4), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(120)).withLastEffectId(4)
                                        .withPhase(new Phase.AwaitingModel(e(4), at(10_120), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(ok(c1, "a liquid")))
                                        .withPromptEstimate(s.promptEstimate().plusChars(8))))
                        .wake(at(10_120), Wake.Reason.MODEL_DEADLINE));
    }

    static Scenario recoveredNonIdempotentTool() {
        ToolCall c1 = ADD_1_2;
        ToolResultMessage interrupted = err(c1, INTERRUPTED);
        return oneRunning("recovery while a non-idempotent tool runs: it is never run twice; the model is told "
                        + "the outcome is unknown and the next round starts", BASIC, c1, Vector.empty())
                .given(recovered(100), (s, x) -> {
                    SessionState next = s.withNow(at(100)).withLastEffectId(3)
                            .withPhase(new Phase.AwaitingModel(e(3), at(10_100), 1))
                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                            .withTranscript(s.transcript().append(interrupted))
                            .withPromptEstimate(s.promptEstimate().plusChars(INTERRUPTED.length()));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, interrupted)),
                                    x.callModel(e(3), s.transcript().append(interrupted), at(10_100), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                    emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 1, 0)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(10_100), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingTools --Recovered--> AwaitingModel");
                })
                .given(toolOk(110, e(2), "3"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingModel" + NOT_AWAITED_SUFFIX));
    }

    static Scenario recoveredInterruptedLeavesApproval() {
        MachineConfig config = BASIC.toBuilder().tool(DELETE_FILE).permissions(new ToolPermissions(Vector.of(
                new PermissionRule("delete_file", PermissionVerdict.ASK)), PermissionVerdict.ALLOW)).build();
        ToolCall c1 = ADD_1_2;
        ToolCall c2 = call("c2", "delete_file", "{\"path\":\"/tmp/x\"}");
        String why = "the tool \"delete_file\" requires approval";
        ToolResultMessage interrupted = err(c1, INTERRUPTED);
        return Scenario.named("recovery with a non-idempotent run and a pending approval: the run is answered "
                        + "interrupted, the approval announced again, and the batch waits for it")
                .config(config)
                .firstTurn(1, "Go.")
                .given(replyTools(20, e(1), 30, 10, c1, c2), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.AwaitingDecision("s1:approval:1", Option.none())))))
                        .effects(new Effect.RequestApproval("s1:approval:1", c2, why, Option.none(), LABELS),
                                emit(new Event.ApprovalRequested(x.ctx(1), "s1:approval:1", c2, why)),
                                x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(recovered(100), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.AwaitingApproval(Vector.of(
                                slot(0, c1, "s1:1:1:0", answered(interrupted)),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.AwaitingDecision("s1:approval:1", Option.none()))))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, interrupted)),
                                new Effect.RequestApproval("s1:approval:1", c2, why, Option.none(), LABELS),
                                emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 1, 1)))
                        .noWake()
                        .fired("AwaitingTools --Recovered--> AwaitingApproval"));
    }

    static Scenario recoveredDuringApproval() {
        ToolCall c1 = ApprovalScenarios.ADD_2_3;
        return ApprovalScenarios.askedFor("recovery during approval: the approval stays pending and is announced "
                        + "again with the same id and expiry", ApprovalScenarios.ASK_ADD_EXPIRING, c1)
                .given(recovered(1_000), (s, x) -> x
                        .state(s.withNow(at(1_000)))
                        .effects(x.requestApproval("s1:approval:1", c1, Option.some(at(60_020))),
                                emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 0, 1)))
                        .wake(at(60_020), Wake.Reason.APPROVAL_EXPIRY)
                        .fired("AwaitingApproval --Recovered--> AwaitingApproval"));
    }

    static Scenario recoveredWhileGuardChecksTool() {
        ToolCall c1 = GuardScenarios.ADD_2_3;
        return GuardScenarios.toolChecked("recovery while the guard checks a tool run: the guard is asked again")
                .given(recovered(200), (s, x) -> x
                        .state(s.withNow(at(200)).withLastEffectId(4).withPhase(new Phase.AwaitingTools(Vector.of(
                                slot(0, c1, "s1:1:1:0", new ToolSlot.CheckingBudget(e(4), at(700)))))))
                        .effects(x.checkBudget(e(4), "tool:add", usage(0, 0), 0, at(700)),
                                emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 0, 0)))
                        .wake(at(700), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingTools --Recovered--> AwaitingTools"));
    }

    static Scenario recoveredInterruptedThenGuard() {
        ToolCall c1 = GuardScenarios.ADD_2_3;
        ToolResultMessage interrupted = err(c1, INTERRUPTED);
        // 50 tokens reported + ceil(155 / 3) = 52 for the 155-character interruption notice
        return GuardScenarios.toolRunning("recovery with the batch's only run interrupted: the next round asks the "
                        + "guard first")
                .given(recovered(300), (s, x) -> {
                    SessionState next = s.withNow(at(300)).withLastEffectId(5)
                            .withPhase(new Phase.AwaitingBudgetGuard(e(5), at(800), 1))
                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                            .withTranscript(s.transcript().append(interrupted))
                            .withPromptEstimate(s.promptEstimate().plusChars(INTERRUPTED.length()));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(4)), c1, interrupted)),
                                    x.checkBudget(e(5), GuardScenarios.MODEL_SUBJECT, usage(50 + 52, 0), 0, at(800)),
                                    emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 1, 0)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(800), Wake.Reason.BUDGET_GUARD_DEADLINE)
                            .fired("AwaitingTools --Recovered--> AwaitingBudgetGuard");
                });
    }

    static Scenario recoveredInterruptedOverBudget() {
        ToolCall c1 = ADD_1_2;
        ToolResultMessage interrupted = err(c1, INTERRUPTED);
        StopReason exhausted = new StopReason.BudgetExhausted(BudgetResource.ROUNDS, BudgetScope.TURN, 1, 1,
                "the next model call would be round 2; turn ROUNDS used 1 of 1");
        return oneRunning("recovery with the batch's only run interrupted, when the next round is over budget: "
                        + "the turn stops", BASIC.toBuilder().budget(BudgetScenarios.turnLimit(BudgetResource.ROUNDS, 1))
                        .build(), c1, Vector.of(emit(new Event.BudgetThresholdHit(
                        new EventContext(SESSION, 1, at(20), LABELS), BudgetResource.ROUNDS, BudgetScope.TURN, 1, 1))))
                .given(recovered(100), (s, x) -> {
                    SessionState next = s.withNow(at(100)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(interrupted))
                            .withPromptEstimate(s.promptEstimate().plusChars(INTERRUPTED.length()))
                            .withLastOutcome(Option.some(stopped(exhausted)));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, interrupted)),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(exhausted), 1, usage(30, 10), 0)),
                                    emit(new Event.SessionRecovered(x.ctx(1), 0, 0, 1, 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --Recovered--> AwaitingUser");
                });
    }
}
