package dev.turnstile.machine;

import static dev.turnstile.machine.CancelScenarios.NOT_AWAITED_SUFFIX;
import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The host budget guard ({@link Spec#GUARDED}: 500 ms to answer), asked before every model call and
 * tool run: allow, soft limit, deny, and no answer in time (deny: the guard fails closed).
 *
 * <p>The first prompt "Add 2 and 3." is estimated at ceil((257 + 12) / 3) = 90 tokens.
 */
final class GuardScenarios {

    private GuardScenarios() {}

    static final String MODEL_SUBJECT = "model:gpt-test";
    static final ToolCall ADD_2_3 = call("c1", "add", "{\"a\":2,\"b\":3}");

    static Vector<Scenario> all() {
        return Vector.of(guardAllowsThenSoftLimit(), guardDeniesModelCall(), guardTimesOut(), guardDeniesToolRun(),
                guardTimesOutOnToolRun(), invalidCallsThenGuard(), toolFailureThenGuard(), toolTimeoutThenGuard(),
                retryAsksGuardAgain(), approvalDeniedThenGuard(), approvalExpiredThenGuard());
    }

    /** The guard allowed the first model call (e2, asked at 1 ms, allowed at 50 ms). */
    static Scenario modelAllowed(String name, MachineConfig config) {
        return Scenario.named(name).config(config)
                .firstGuardedTurn(1, "Add 2 and 3.", 90, 0)
                .given(guard(50, e(1), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .state(s.withNow(at(50)).withLastEffectId(2).withPhase(new Phase.AwaitingModel(e(2), at(10_050), 1)))
                        .effects(x.callModel(e(2), transcript(user("Add 2 and 3.")), at(10_050), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(2), 1, 1)))
                        .wake(at(10_050), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingBudgetGuard --BudgetChecked--> AwaitingModel"));
    }

    /** ... then the model asked for add at 100 ms, and the guard is asked (e3) before it runs. */
    static Scenario toolChecked(String name) {
        ToolCall c1 = ADD_2_3;
        return modelAllowed(name, GUARDED)
                .given(replyTools(100, e(2), 40, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0",
                                new ToolSlot.CheckingBudget(e(3), at(600))))))
                        .field("tool runs", st -> st.turnProgress().get().meter().toolRuns(), 0)
                        .effects(x.checkBudget(e(3), "tool:add", usage(0, 0), 0, at(600)))
                        .wake(at(600), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingModel --ModelReplied--> AwaitingTools"));
    }

    /** ... and the guard allowed it: the run is e4, until 5 150 ms. */
    static Scenario toolRunning(String name) {
        ToolCall c1 = ADD_2_3;
        return toolChecked(name)
                .given(guard(150, e(3), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(4, 5_150)))))
                        .field("tool runs", st -> st.turnProgress().get().meter().toolRuns(), 1)
                        .effects(x.runTool(e(4), c1, "s1:1:1:0", at(5_150)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(4), c1)))
                        .wake(at(5_150), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --BudgetChecked--> AwaitingTools"));
    }

    static Scenario guardAllowsThenSoftLimit() {
        ToolCall c1 = ADD_2_3;
        return toolRunning("guard: allowed model call and tool run; before round 2 the guard is asked again, "
                        + "answers soft limit (reported), and the call goes ahead")
                .given(toolOk(200, e(4), "5"), (s, x) -> {
                    // 50 tokens reported + ceil(1 / 3) for the result "5"
                    SessionState next = s.withNow(at(200)).withLastEffectId(5)
                            .withPhase(new Phase.AwaitingBudgetGuard(e(5), at(700), 1))
                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                            .withTranscript(s.transcript().append(ok(c1, "5")))
                            .withPromptEstimate(s.promptEstimate().plusChars(1));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(4)), c1, ok(c1, "5"))),
                                    x.checkBudget(e(5), MODEL_SUBJECT, usage(51, 0), 0, at(700)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(700), Wake.Reason.BUDGET_GUARD_DEADLINE)
                            .fired("AwaitingTools --ToolSucceeded--> AwaitingBudgetGuard");
                })
                .given(guard(250, e(5), BudgetVerdict.SOFT_LIMIT, "80% of the daily budget"), (s, x) -> x
                        .state(s.withNow(at(250)).withLastEffectId(6).withPhase(new Phase.AwaitingModel(e(6), at(10_250), 1)))
                        .effects(emit(new Event.BudgetGuardAnswered(x.ctx(1), e(5), MODEL_SUBJECT, BudgetVerdict.SOFT_LIMIT,
                                        "80% of the daily budget", false)),
                                x.callModel(e(6), s.transcript(), at(10_250), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(6), 2, 1)))
                        .wake(at(10_250), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingBudgetGuard --BudgetChecked--> AwaitingModel"))
                .given(replyText(300, e(6), "5", 60, 1), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(new Outcome.Completed("5")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("5"), 2, usage(100, 11), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(300)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("5")))
                                        .withSessionMeter(meter(usage(100, 11), 0, 2, 1))
                                        .withUsageByModel(byModel(usage(100, 11)))
                                        .withPromptEstimate(new PromptEstimate(61, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("5")))))
                        .noWake());
    }

    static Scenario guardDeniesModelCall() {
        Outcome denied = stopped(new StopReason.GuardDenied(MODEL_SUBJECT, "daily budget spent", false));
        return Scenario.named("guard: a denial before the model call stops the turn GuardDenied")
                .config(GUARDED)
                .firstGuardedTurn(1, "Add 2 and 3.", 90, 0)
                .given(guard(50, e(1), BudgetVerdict.DENY, "daily budget spent"), (s, x) -> {
                    SessionState next = s.withNow(at(50)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(denied));
                    x.state(next)
                            .effects(emit(new Event.BudgetGuardAnswered(x.ctx(1), e(1), MODEL_SUBJECT, BudgetVerdict.DENY,
                                            "daily budget spent", false)),
                                    emit(new Event.TurnFinished(x.ctx(1), denied, 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingBudgetGuard --BudgetChecked--> AwaitingUser");
                });
    }

    static Scenario guardTimesOut() {
        String noAnswer = "no answer within 500 ms";
        Outcome denied = stopped(new StopReason.GuardDenied(MODEL_SUBJECT, noAnswer, true));
        return Scenario.named("guard: no answer by the guard deadline counts as a denial (fail closed); the late "
                        + "answer is rejected")
                .config(GUARDED)
                .firstGuardedTurn(1, "Add 2 and 3.", 90, 0)
                .given(tick(300), (s, x) -> x
                        .state(s.withNow(at(300)))
                        .effects()
                        .wake(at(501), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingBudgetGuard --TimeAdvanced--> AwaitingBudgetGuard"))
                .given(tick(501), (s, x) -> {
                    SessionState next = s.withNow(at(501)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(denied));
                    x.state(next)
                            .effects(emit(new Event.BudgetGuardAnswered(x.ctx(1), e(1), MODEL_SUBJECT, BudgetVerdict.DENY,
                                            noAnswer, true)),
                                    new Effect.Abandon(e(1), "budget guard deadline passed"),
                                    emit(new Event.TurnFinished(x.ctx(1), denied, 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingBudgetGuard --TimeAdvanced--> AwaitingUser");
                })
                .given(guard(600, e(1), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX));
    }

    static Scenario guardDeniesToolRun() {
        ToolCall c1 = ADD_2_3;
        String why = "budget guard denied tool:add: tools are disabled";
        Outcome denied = stopped(new StopReason.GuardDenied("tool:add", "tools are disabled", false));
        return toolChecked("guard: a denial before a tool run stops the turn; the call is answered \"not run\"")
                .given(guard(150, e(3), BudgetVerdict.DENY, "tools are disabled"), (s, x) -> {
                    SessionState next = s.withNow(at(150)).withPhase(new Phase.AwaitingUser()).withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(err(c1, "not run: " + why)))
                            .withPromptEstimate(s.promptEstimate().plusChars(("not run: " + why).length()))
                            .withLastOutcome(Option.some(denied));
                    x.state(next)
                            .effects(emit(new Event.BudgetGuardAnswered(x.ctx(1), e(3), "tool:add", BudgetVerdict.DENY,
                                            "tools are disabled", false)),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, err(c1, "not run: " + why))),
                                    emit(new Event.TurnFinished(x.ctx(1), denied, 1, usage(40, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --BudgetChecked--> AwaitingUser");
                });
    }

    static Scenario guardTimesOutOnToolRun() {
        ToolCall c1 = ADD_2_3;
        String noAnswer = "no answer within 500 ms";
        String why = "budget guard denied tool:add: " + noAnswer;
        Outcome denied = stopped(new StopReason.GuardDenied("tool:add", noAnswer, true));
        return toolChecked("guard: no answer before a tool run counts as a denial")
                .given(tick(600), (s, x) -> {
                    SessionState next = s.withNow(at(600)).withPhase(new Phase.AwaitingUser()).withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(err(c1, "not run: " + why)))
                            .withPromptEstimate(s.promptEstimate().plusChars(("not run: " + why).length()))
                            .withLastOutcome(Option.some(denied));
                    x.state(next)
                            .effects(emit(new Event.BudgetGuardAnswered(x.ctx(1), e(3), "tool:add", BudgetVerdict.DENY,
                                            noAnswer, true)),
                                    new Effect.Abandon(e(3), "budget guard deadline passed"),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, err(c1, "not run: " + why))),
                                    emit(new Event.TurnFinished(x.ctx(1), denied, 1, usage(40, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --TimeAdvanced--> AwaitingUser");
                });
    }

    static Scenario invalidCallsThenGuard() {
        ToolCall unknown = call("c1", "weather", "{}");
        ToolResultMessage r1 = err(unknown, "unknown tool \"weather\"; available tools: add, lookup");
        return modelAllowed("guard: when every call is answered at once, the next round asks the guard first", GUARDED)
                .given(replyTools(100, e(2), 40, 10, unknown), (s, x) -> x
                        .phase(new Phase.AwaitingBudgetGuard(e(3), at(600), 1))
                        .field("transcript", SessionState::transcript,
                                transcript(user("Add 2 and 3."), assistant("", unknown), r1))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), unknown, r1)),
                                // 50 tokens reported + ceil(52 / 3) for the 52-character error text
                                x.checkBudget(e(3), MODEL_SUBJECT, usage(68, 0), 0, at(600)),
                                new Effect.SaveCheckpoint(s.withNow(at(100)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingBudgetGuard(e(3), at(600), 1))
                                        .withTurnProgress(Option.some(new TurnProgress(at(1), 2, false,
                                                io.vavr.collection.TreeMap.empty(), meter(usage(40, 10), 0, 1, 0))))
                                        .withTranscript(transcript(user("Add 2 and 3."), assistant("", unknown), r1))
                                        .withSessionMeter(meter(usage(40, 10), 0, 1, 0))
                                        .withUsageByModel(byModel(usage(40, 10)))
                                        .withPromptEstimate(new PromptEstimate(50, r1.content().length()))))
                        .wake(at(600), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingModel --ModelReplied--> AwaitingBudgetGuard"));
    }

    static Scenario toolFailureThenGuard() {
        ToolCall c1 = ADD_2_3;
        ToolResultMessage failed = err(c1, "tool \"add\" failed (tool_error): overflow");
        return toolRunning("guard: after the batch's last call failed, the next round asks the guard first")
                .given(toolFailed(200, e(4), "overflow"), (s, x) -> x
                        .phase(new Phase.AwaitingBudgetGuard(e(5), at(700), 1))
                        .field("last message", st -> st.transcript().last(), failed)
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(4)), c1, failed)),
                                x.checkBudget(e(5), MODEL_SUBJECT, usage(50 + 14, 0), 0, at(700)),
                                new Effect.SaveCheckpoint(s.withNow(at(200)).withLastEffectId(5)
                                        .withPhase(new Phase.AwaitingBudgetGuard(e(5), at(700), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(failed))
                                        .withPromptEstimate(s.promptEstimate().plusChars(failed.content().length()))))
                        .wake(at(700), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingTools --ToolFailed--> AwaitingBudgetGuard"));
    }

    static Scenario toolTimeoutThenGuard() {
        ToolCall c1 = ADD_2_3;
        String timedOut = "tool \"add\" timed out after 5000 ms";
        return toolRunning("guard: after the batch's last call timed out, the next round asks the guard first")
                .given(tick(5_150), (s, x) -> x
                        .phase(new Phase.AwaitingBudgetGuard(e(5), at(5_650), 1))
                        .field("last message", st -> st.transcript().last(), err(c1, timedOut))
                        .effects(new Effect.Abandon(e(4), timedOut),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(4)), c1, err(c1, timedOut))),
                                x.checkBudget(e(5), MODEL_SUBJECT, usage(50 + 12, 0), 0, at(5_650)),
                                new Effect.SaveCheckpoint(s.withNow(at(5_150)).withLastEffectId(5)
                                        .withPhase(new Phase.AwaitingBudgetGuard(e(5), at(5_650), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(err(c1, timedOut)))
                                        .withPromptEstimate(s.promptEstimate().plusChars(timedOut.length()))))
                        .wake(at(5_650), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingTools --TimeAdvanced--> AwaitingBudgetGuard"));
    }

    static Scenario retryAsksGuardAgain() {
        return modelAllowed("guard: a retry after backoff asks the guard again, for the same attempt number", GUARDED)
                .given(modelFailed(100, e(2), FailureKind.RETRYABLE, "HTTP 503"), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.BackingOff(at(1_033), 2))
                                .withPrng(RetryScenarios.AFTER_ONE_DRAW))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(2), FailureKind.RETRYABLE, "HTTP 503", 2, 933)))
                        .wake(at(1_033), Wake.Reason.RETRY_BACKOFF))
                .given(tick(1_033), (s, x) -> x
                        .state(s.withNow(at(1_033)).withLastEffectId(3)
                                .withPhase(new Phase.AwaitingBudgetGuard(e(3), at(1_533), 2)))
                        .effects(x.checkBudget(e(3), MODEL_SUBJECT, usage(90, 0), 0, at(1_533)))
                        .wake(at(1_533), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("BackingOff --TimeAdvanced--> AwaitingBudgetGuard"))
                .given(guard(1_100, e(3), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .state(s.withNow(at(1_100)).withLastEffectId(4)
                                .withPhase(new Phase.AwaitingModel(e(4), at(11_100), 2)))
                        .effects(x.callModel(e(4), transcript(user("Add 2 and 3.")), at(11_100), 2),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(4), 1, 2)))
                        .wake(at(11_100), Wake.Reason.MODEL_DEADLINE));
    }

    static final MachineConfig GUARDED_ASK_ADD = GUARDED.toBuilder()
            .permissions(ApprovalScenarios.ASK_ADD.permissions()).approvalExpiryMillis(60_000).build();

    /** Guarded, add needs approval (expiring at 60 100 ms): the model asked for add at 100 ms. */
    static Scenario approvalPending(String name) {
        ToolCall c1 = ADD_2_3;
        return modelAllowed(name, GUARDED_ASK_ADD)
                .given(replyTools(100, e(2), 40, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, c1, "s1:1:1:0",
                                new ToolSlot.AwaitingDecision("s1:approval:1", Option.some(at(60_100)))))))
                        .effects(x.requestApproval("s1:approval:1", c1, Option.some(at(60_100))),
                                emit(new Event.ApprovalRequested(x.ctx(1), "s1:approval:1", c1, ApprovalScenarios.WHY_ADD)))
                        .wake(at(60_100), Wake.Reason.APPROVAL_EXPIRY));
    }

    static Scenario approvalDeniedThenGuard() {
        ToolCall c1 = ADD_2_3;
        ToolResultMessage denied = err(c1, "denied by bob: no");
        return approvalPending("guard: after the last approval is denied, the next round asks the guard first")
                .given(deny(1_000, "s1:approval:1", "bob", "no"), (s, x) -> x
                        .phase(new Phase.AwaitingBudgetGuard(e(3), at(1_500), 1))
                        .field("last message", st -> st.transcript().last(), denied)
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), "s1:approval:1", Decision.DENY, "no", "bob",
                                        false, Option.none())),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, denied)),
                                x.checkBudget(e(3), MODEL_SUBJECT, usage(50 + 6, 0), 0, at(1_500)),
                                new Effect.SaveCheckpoint(s.withNow(at(1_000)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingBudgetGuard(e(3), at(1_500), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(denied))
                                        .withPromptEstimate(s.promptEstimate().plusChars(denied.content().length()))
                                        .withApprovals(Vector.of(new ApprovalRecord("s1:approval:1", 1, "c1", "add",
                                                Decision.DENY, "bob", "no", false, Option.none(), at(1_000))))))
                        .wake(at(1_500), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingApproval --ApprovalDecided--> AwaitingBudgetGuard"));
    }

    static Scenario approvalExpiredThenGuard() {
        ToolCall c1 = ADD_2_3;
        String reason = "approval expired after 60000 ms without a decision";
        ToolResultMessage expired = err(c1, "not run: " + reason);
        return approvalPending("guard: after the last approval expired, the next round asks the guard first")
                .given(tick(60_100), (s, x) -> x
                        .phase(new Phase.AwaitingBudgetGuard(e(3), at(60_600), 1))
                        .field("last message", st -> st.transcript().last(), expired)
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), "s1:approval:1", Decision.DENY, reason, "",
                                        true, Option.none())),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, expired)),
                                x.checkBudget(e(3), MODEL_SUBJECT, usage(50 + 20, 0), 0, at(60_600)),
                                new Effect.SaveCheckpoint(s.withNow(at(60_100)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingBudgetGuard(e(3), at(60_600), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(expired))
                                        .withPromptEstimate(s.promptEstimate().plusChars(expired.content().length()))
                                        .withApprovals(Vector.of(new ApprovalRecord("s1:approval:1", 1, "c1", "add",
                                                Decision.DENY, "", reason, true, Option.none(), at(60_100))))))
                        .wake(at(60_600), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingApproval --TimeAdvanced--> AwaitingBudgetGuard"));
    }
}
