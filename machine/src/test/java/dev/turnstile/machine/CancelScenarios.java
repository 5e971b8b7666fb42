package dev.turnstile.machine;

import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Cancellation in every phase: everything in flight is abandoned, open tool calls get synthesized
 * results, the turn ends Cancelled, and the outcome is sticky: late answers are rejected.
 */
final class CancelScenarios {

    private CancelScenarios() {}

    static final String NOT_AWAITED_SUFFIX = ": it was already answered, abandoned, timed out, or belongs to a finished turn";

    static Vector<Scenario> all() {
        return Vector.of(cancelWhileIdle(), cancelDuringModelCall(), cancelWhileBackingOff(), cancelWhileToolsRun(),
                cancelDuringApproval(), cancelWhileGuardDecides());
    }

    static Outcome cancelled(String reason) {
        return stopped(new StopReason.Cancelled(reason));
    }

    static Scenario cancelWhileIdle() {
        return Scenario.named("cancel while idle: nothing to cancel, reported as CancelIgnored")
                .given(cancel(5, "stop"), (s, x) -> x
                        .state(s.withNow(at(5)))
                        .effects(emit(new Event.CancelIgnored(x.ctx(0), "no turn is running: stop")))
                        .noWake()
                        .fired("AwaitingUser --CancelRequested--> AwaitingUser"));
    }

    static Scenario cancelDuringModelCall() {
        return Scenario.named("cancel during a model call: the call is abandoned, the turn ends Cancelled, "
                        + "the late reply is rejected")
                .firstTurn(1, "Tell me a long story.")
                .given(cancel(50, "user pressed stop"), (s, x) -> {
                    SessionState next = s.withNow(at(50)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(cancelled("user pressed stop")));
                    x.state(next)
                            .effects(new Effect.Abandon(e(1), "turn cancelled: user pressed stop"),
                                    emit(new Event.TurnFinished(x.ctx(1), cancelled("user pressed stop"), 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --CancelRequested--> AwaitingUser");
                })
                .given(replyText(60, e(1), "Once upon a time", 10, 5), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX))
                .given(cancel(70, "again"), (s, x) -> x
                        .state(s.withNow(at(70)))
                        .effects(emit(new Event.CancelIgnored(x.ctx(1), "no turn is running: again")))
                        .noWake()
                        .field("outcome", SessionState::lastOutcome, Option.some(cancelled("user pressed stop"))));
    }

    static Scenario cancelWhileBackingOff() {
        return Scenario.named("cancel while backing off: nothing is in flight, the turn ends Cancelled and the "
                        + "message queued for after the turn starts the next turn")
                .firstTurn(1, "Hi")
                .given(modelFailed(100, e(1), FailureKind.RETRYABLE, "HTTP 503"), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.BackingOff(at(1_033), 2))
                                .withPrng(RetryScenarios.AFTER_ONE_DRAW))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RETRYABLE, "HTTP 503", 2, 933)))
                        .wake(at(1_033), Wake.Reason.RETRY_BACKOFF))
                .given(userSays(200, "Actually, something else.", Delivery.AFTER_TURN), (s, x) -> x
                        .state(s.withNow(at(200)).withQueued(Vector.of(
                                new QueuedMessage("Actually, something else.", Delivery.AFTER_TURN, at(200)))))
                        .effects(emit(new Event.UserMessageQueued(x.ctx(1), Delivery.AFTER_TURN, 1)))
                        .sameWake()
                        .fired("BackingOff --UserMessageReceived--> BackingOff"))
                .given(cancel(300, "changed my mind"), (s, x) -> {
                    var messages = transcript(user("Hi"), user("Actually, something else."));
                    x.phase(new Phase.AwaitingModel(e(2), at(10_300), 1))
                            .field("turn", SessionState::turn, 2)
                            .field("queued", SessionState::queued, Vector.empty())
                            .field("outcome", SessionState::lastOutcome, Option.some(cancelled("changed my mind")))
                            .field("transcript", SessionState::transcript, messages)
                            .effects(Vector.of(
                                    emit(new Event.TurnFinished(x.ctx(1), cancelled("changed my mind"), 0, usage(0, 0), 0)),
                                    emit(new Event.TurnStarted(x.ctx(2), "Actually, something else.")),
                                    x.callModel(e(2), messages, at(10_300), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(2), e(2), 1, 1)),
                                    new Effect.SaveCheckpoint(s.withNow(at(300)).withLastEffectId(2).withTurn(2)
                                            .withPhase(new Phase.AwaitingModel(e(2), at(10_300), 1))
                                            .withTurnProgress(Option.some(TurnProgress.startingAt(at(300))))
                                            .withTranscript(messages)
                                            .withQueued(Vector.empty())
                                            .withPromptEstimate(s.promptEstimate().plusChars(25))
                                            .withLastOutcome(Option.some(cancelled("changed my mind"))))))
                            .wake(at(10_300), Wake.Reason.MODEL_DEADLINE)
                            .fired("BackingOff --CancelRequested--> AwaitingUser",
                                    "AwaitingUser --UserMessageReceived--> AwaitingModel");
                });
    }

    static Scenario cancelWhileToolsRun() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        ToolCall c2 = call("c2", "lookup", "{\"word\":\"dog\"}");
        ToolResultMessage r1 = err(c1, "not completed: turn cancelled: enough");
        ToolResultMessage r2 = err(c2, "not run: turn cancelled: enough");
        var afterCancel = transcript(user("Two things."), assistant("", c1, c2), r1, r2);
        return Scenario.named("cancel while tools run: the running call is abandoned, every open call gets a "
                        + "synthesized result, and the next turn's transcript is valid")
                .config(BASIC.toBuilder().maxParallelTools(1).build())
                .firstTurn(1, "Two things.")
                .given(replyTools(20, e(1), 30, 10, c1, c2), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.Queued()))))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(cancel(100, "enough"), (s, x) -> {
                    SessionState next = s.withNow(at(100)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withTranscript(afterCancel)
                            .withPromptEstimate(s.promptEstimate().plusChars(r1.content().length() + r2.content().length()))
                            .withLastOutcome(Option.some(cancelled("enough")));
                    x.state(next)
                            .effects(new Effect.Abandon(e(2), "turn cancelled: enough"),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, r1)),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c2, r2)),
                                    emit(new Event.TurnFinished(x.ctx(1), cancelled("enough"), 1, usage(30, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --CancelRequested--> AwaitingUser");
                })
                .given(toolOk(110, e(2), "3"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX))
                .given(userSays(200, "Just the first."), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(3), at(10_200), 1))
                        .field("transcript", SessionState::transcript, afterCancel.append(user("Just the first.")))
                        .effects(emit(new Event.TurnStarted(x.ctx(2), "Just the first.")),
                                x.callModel(e(3), afterCancel.append(user("Just the first.")), at(10_200), 1),
                                emit(new Event.ModelCallStarted(x.ctx(2), e(3), 1, 1)))
                        .wake(at(10_200), Wake.Reason.MODEL_DEADLINE));
    }

    static Scenario cancelDuringApproval() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        String approval = "s1:approval:1";
        String why = "turn cancelled: not now";
        ToolResultMessage r1 = err(c1, "not run: " + why);
        return Scenario.named("cancel during approval: the pending approval is resolved as a denial, the call gets "
                        + "a result, a later decision is rejected, and a message queued for the next boundary starts "
                        + "the next turn")
                .config(ApprovalScenarios.ASK_ADD)
                .firstTurn(1, "Add 1 and 2.")
                .given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, c1, "s1:1:1:0",
                                new ToolSlot.AwaitingDecision(approval, Option.none())))))
                        .effects(x.requestApproval(approval, c1, Option.none()),
                                emit(new Event.ApprovalRequested(x.ctx(1), approval, c1, "the tool \"add\" requires approval")))
                        .noWake()
                        .fired("AwaitingModel --ModelReplied--> AwaitingApproval"))
                .given(userSays(30, "Hurry up."), (s, x) -> x
                        .state(s.withNow(at(30)).withQueued(Vector.of(
                                new QueuedMessage("Hurry up.", Delivery.NEXT_BOUNDARY, at(30)))))
                        .effects(emit(new Event.UserMessageQueued(x.ctx(1), Delivery.NEXT_BOUNDARY, 1)))
                        .noWake()
                        .fired("AwaitingApproval --UserMessageReceived--> AwaitingApproval"))
                .given(cancel(40, "not now"), (s, x) -> {
                    var messages = transcript(user("Add 1 and 2."), assistant("", c1), r1, user("Hurry up."));
                    x.phase(new Phase.AwaitingModel(e(2), at(10_040), 1))
                            .field("turn", SessionState::turn, 2)
                            .field("transcript", SessionState::transcript, messages)
                            .field("approvals", SessionState::approvals, Vector.of(new ApprovalRecord(approval, 1, "c1",
                                    "add", Decision.DENY, "", why, false, Option.none(), at(40))))
                            .effects(emit(new Event.ApprovalResolved(x.ctx(1), approval, Decision.DENY, why, "", false,
                                            Option.none())),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, r1)),
                                    emit(new Event.TurnFinished(x.ctx(1), cancelled("not now"), 1, usage(30, 10), 0)),
                                    emit(new Event.TurnStarted(x.ctx(2), "Hurry up.")),
                                    x.callModel(e(2), messages, at(10_040), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(2), e(2), 1, 1)),
                                    new Effect.SaveCheckpoint(s.withNow(at(40)).withLastEffectId(2).withTurn(2)
                                            .withPhase(new Phase.AwaitingModel(e(2), at(10_040), 1))
                                            .withTurnProgress(Option.some(TurnProgress.startingAt(at(40))))
                                            .withTranscript(messages)
                                            .withQueued(Vector.empty())
                                            .withPromptEstimate(s.promptEstimate().plusChars(r1.content().length() + 9))
                                            .withApprovals(Vector.of(new ApprovalRecord(approval, 1, "c1", "add",
                                                    Decision.DENY, "", why, false, Option.none(), at(40))))
                                            .withLastOutcome(Option.some(cancelled("not now")))))
                            .wake(at(10_040), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingApproval --CancelRequested--> AwaitingUser",
                                    "AwaitingUser --UserMessageReceived--> AwaitingModel");
                })
                .given(approve(50, approval, "bob"), (s, x) -> x
                        .rejected("approval s1:approval:1 was already resolved (DENY)"));
    }

    static Scenario cancelWhileGuardDecides() {
        return Scenario.named("cancel while the budget guard decides: the check is abandoned, its late answer rejected")
                .config(GUARDED)
                .firstGuardedTurn(1, "Hi", 87, 0)
                .given(userSays(10, "More.", Delivery.AFTER_TURN), (s, x) -> x
                        .state(s.withNow(at(10)).withQueued(Vector.of(
                                new QueuedMessage("More.", Delivery.AFTER_TURN, at(10)))))
                        .effects(emit(new Event.UserMessageQueued(x.ctx(1), Delivery.AFTER_TURN, 1)))
                        .sameWake()
                        .fired("AwaitingBudgetGuard --UserMessageReceived--> AwaitingBudgetGuard"))
                .given(cancel(100, "stop"), (s, x) -> x
                        .phase(new Phase.AwaitingBudgetGuard(e(2), at(600), 1))
                        .field("turn", SessionState::turn, 2)
                        .field("outcome", SessionState::lastOutcome, Option.some(cancelled("stop")))
                        .effects(Vector.of(
                                new Effect.Abandon(e(1), "turn cancelled: stop"),
                                emit(new Event.TurnFinished(x.ctx(1), cancelled("stop"), 0, usage(0, 0), 0)),
                                emit(new Event.TurnStarted(x.ctx(2), "More.")),
                                // 257 + 2 + 5 characters, at 3 per token, rounded up
                                x.checkBudget(e(2), "model:gpt-test", usage(88, 0), 0, at(600)),
                                new Effect.SaveCheckpoint(s.withNow(at(100)).withLastEffectId(2).withTurn(2)
                                        .withPhase(new Phase.AwaitingBudgetGuard(e(2), at(600), 1))
                                        .withTurnProgress(Option.some(TurnProgress.startingAt(at(100))))
                                        .withTranscript(transcript(user("Hi"), user("More.")))
                                        .withQueued(Vector.empty())
                                        .withPromptEstimate(s.promptEstimate().plusChars(5))
                                        .withLastOutcome(Option.some(cancelled("stop"))))))
                        .wake(at(600), Wake.Reason.BUDGET_GUARD_DEADLINE)
                        .fired("AwaitingBudgetGuard --CancelRequested--> AwaitingUser",
                                "AwaitingUser --UserMessageReceived--> AwaitingBudgetGuard"))
                .given(guard(110, e(1), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingBudgetGuard" + NOT_AWAITED_SUFFIX));
    }
}
