package dev.turnstile.machine;

import static dev.turnstile.machine.CancelScenarios.NOT_AWAITED_SUFFIX;
import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ToolCall;
import io.vavr.collection.Vector;

/**
 * Inputs that do not fit the state: unknown ids, answers to the wrong kind of effect, duplicates and
 * late answers. Each is rejected with a reason and changes nothing but {@code now}.
 */
final class RejectionScenarios {

    private RejectionScenarios() {}

    static Vector<Scenario> all() {
        return Vector.of(staleDuplicateAndUnknownReplies());
    }

    static Scenario staleDuplicateAndUnknownReplies() {
        ToolCall c1 = call("c1", "lookup", "{\"word\":\"ink\"}");
        return Scenario.named("rejections: unknown, mismatched, duplicate and late replies leave the state unchanged "
                        + "except now")
                .firstTurn(1, "What is ink?")
                .given(replyText(10, e(9), "?", 1, 1), (s, x) -> x
                        .rejected("unknown effect e9: no such effect was issued (last issued: e1)"))
                .given(toolOk(11, e(1), "x"), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingModel" + NOT_AWAITED_SUFFIX))
                .given(toolFailed(12, e(1), "x"), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingModel" + NOT_AWAITED_SUFFIX))
                .given(guard(13, e(1), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingModel" + NOT_AWAITED_SUFFIX))
                .given(approve(14, "s1:approval:1", "bob"), (s, x) -> x
                        .rejected("unknown approval s1:approval:1: no such approval is pending"))
                .given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)))))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(replyText(21, e(1), "again", 1, 1), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingTools" + NOT_AWAITED_SUFFIX))
                .given(modelFailed(22, e(1), FailureKind.RETRYABLE, "x"), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingTools" + NOT_AWAITED_SUFFIX))
                .given(toolOk(23, e(5), "x"), (s, x) -> x
                        .rejected("unknown effect e5: no such effect was issued (last issued: e2)"))
                .given(guard(24, e(2), BudgetVerdict.ALLOW, ""), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingTools" + NOT_AWAITED_SUFFIX))
                .given(approve(25, "s1:approval:7", "bob"), (s, x) -> x
                        .rejected("unknown approval s1:approval:7: no such approval is pending"))
                .given(toolOk(30, e(2), "a liquid for writing"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(3), at(10_030), 1))
                        .field("last message", st -> st.transcript().last(), ok(c1, "a liquid for writing"))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), io.vavr.control.Option.some(e(2)), c1,
                                        ok(c1, "a liquid for writing"))),
                                x.callModel(e(3), s.transcript().append(ok(c1, "a liquid for writing")), at(10_030), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(30)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingModel(e(3), at(10_030), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(ok(c1, "a liquid for writing")))
                                        .withPromptEstimate(s.promptEstimate().plusChars(20))))
                        .wake(at(10_030), Wake.Reason.MODEL_DEADLINE))
                .given(toolOk(31, e(2), "a liquid for writing"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingModel" + NOT_AWAITED_SUFFIX))
                .given(new Input.ToolFailed(at(32), e(2), ToolErrorKind.CANCELLED, "x"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingModel" + NOT_AWAITED_SUFFIX))
                .given(replyText(40, e(3), "A liquid for writing.", 60, 6), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome,
                                io.vavr.control.Option.some(new Outcome.Completed("A liquid for writing.")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("A liquid for writing."), 2,
                                        usage(90, 16), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(40)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(io.vavr.control.Option.none())
                                        .withTranscript(s.transcript().append(
                                                dev.turnstile.model.AssistantMessage.text("A liquid for writing.")))
                                        .withSessionMeter(meter(usage(90, 16), 0, 2, 1))
                                        .withUsageByModel(byModel(usage(90, 16)))
                                        .withPromptEstimate(new PromptEstimate(66, 0))
                                        .withLastOutcome(io.vavr.control.Option.some(
                                                new Outcome.Completed("A liquid for writing.")))))
                        .noWake())
                .given(replyText(41, e(3), "A liquid for writing.", 60, 6), (s, x) -> x
                        .rejected("effect e3 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX))
                .given(modelFailed(42, e(3), FailureKind.FATAL, "x"), (s, x) -> x
                        .rejected("effect e3 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX))
                .given(toolFailed(43, e(2), "x"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX))
                .given(guard(44, e(1), BudgetVerdict.DENY, ""), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX))
                .given(deny(45, "s1:approval:1", "bob", "no"), (s, x) -> x
                        .rejected("unknown approval s1:approval:1: no such approval is pending"))
                .given(toolOk(20, e(2), "stamped in the past"), (s, x) -> x
                        .state(s)
                        .effects(emit(new Event.InputRejected(new EventContext(SESSION, 1, at(45), LABELS),
                                "ToolSucceeded", "effect e2 is not awaited in phase AwaitingUser" + NOT_AWAITED_SUFFIX)))
                        .noWake()
                        .fired());
    }
}
