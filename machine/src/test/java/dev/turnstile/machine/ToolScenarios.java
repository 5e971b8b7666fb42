package dev.turnstile.machine;

import static dev.turnstile.machine.CancelScenarios.NOT_AWAITED_SUFFIX;
import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** Tool failures and tool deadlines. */
final class ToolScenarios {

    private ToolScenarios() {}

    static final ToolCall ADD_1_2 = call("c1", "add", "{\"a\":1,\"b\":2}");
    static final ToolCall LOOKUP_DOG = call("c2", "lookup", "{\"word\":\"dog\"}");

    static Vector<Scenario> all() {
        return Vector.of(failureToldToModel(), onlyToolFails(), failureEndsTurnByPolicy(), toolDeadlines());
    }

    /** User at 1 ms, the model asks for add and lookup at 20 ms, both run (e2, e3) until 5 020 ms. */
    static Scenario twoRunning(String name, MachineConfig config) {
        ToolCall c1 = ADD_1_2;
        ToolCall c2 = LOOKUP_DOG;
        return Scenario.named(name).config(config).firstTurn(1, "Two things.")
                .given(replyTools(20, e(1), 30, 10, c1, c2), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", running(3, 5_020)))))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)),
                                x.runTool(e(3), c2, "s1:1:1:1", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), c2)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE));
    }

    static Scenario failureToldToModel() {
        ToolResultMessage failed = err(ADD_1_2, "tool \"add\" failed (tool_error): overflow");
        ToolResultMessage found = ok(LOOKUP_DOG, "a domestic animal");
        return twoRunning("tool failure: the error reaches the model as an error result and the turn goes on", BASIC)
                .given(toolFailed(30, e(2), "overflow"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, ADD_1_2, "s1:1:1:0", answered(failed)),
                                slot(1, LOOKUP_DOG, "s1:1:1:1", running(3, 5_020)))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), ADD_1_2, failed)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --ToolFailed--> AwaitingTools"))
                .given(toolOk(40, e(3), "a domestic animal"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(4), at(10_040), 1))
                        .field("transcript", SessionState::transcript, s.transcript().append(failed).append(found))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), LOOKUP_DOG, found)),
                                x.callModel(e(4), s.transcript().append(failed).append(found), at(10_040), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(4), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(40)).withLastEffectId(4)
                                        .withPhase(new Phase.AwaitingModel(e(4), at(10_040), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(failed).append(found))
                                        .withPromptEstimate(s.promptEstimate().plusChars(
                                                failed.content().length() + found.content().length()))))
                        .wake(at(10_040), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingTools --ToolSucceeded--> AwaitingModel"));
    }

    static Scenario onlyToolFails() {
        ToolCall c1 = ADD_1_2;
        ToolResultMessage failed = err(c1, "tool \"add\" failed (unavailable): not registered");
        return Scenario.named("tool failure: when the batch's only call fails, the next round starts at once")
                .firstTurn(1, "Add.")
                .given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)))))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(new Input.ToolFailed(at(30), e(2), ToolErrorKind.UNAVAILABLE, "not registered"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(3), at(10_030), 1))
                        .field("last message", st -> st.transcript().last(), failed)
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, failed)),
                                x.callModel(e(3), s.transcript().append(failed), at(10_030), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(30)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingModel(e(3), at(10_030), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(failed))
                                        .withPromptEstimate(s.promptEstimate().plusChars(failed.content().length()))))
                        .wake(at(10_030), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingTools --ToolFailed--> AwaitingModel"));
    }

    static Scenario failureEndsTurnByPolicy() {
        ToolResultMessage failed = err(ADD_1_2, "tool \"add\" failed (tool_error): overflow");
        ToolResultMessage abandoned = err(LOOKUP_DOG, "not completed: tool add failed: overflow");
        Outcome outcome = stopped(new StopReason.ToolFailed("add", "overflow"));
        return twoRunning("tool failure with stopTurnOnToolFailure: the turn stops ToolFailed, the other running "
                        + "call is abandoned and answered", BASIC.toBuilder().stopTurnOnToolFailure(true).build())
                .given(toolFailed(30, e(2), "overflow"), (s, x) -> {
                    SessionState next = s.withNow(at(30)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(failed).append(abandoned))
                            .withPromptEstimate(s.promptEstimate().plusChars(
                                    failed.content().length() + abandoned.content().length()))
                            .withLastOutcome(Option.some(outcome));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), ADD_1_2, failed)),
                                    new Effect.Abandon(e(3), "tool add failed: overflow"),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), LOOKUP_DOG, abandoned)),
                                    emit(new Event.TurnFinished(x.ctx(1), outcome, 1, usage(30, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --ToolFailed--> AwaitingUser");
                });
    }

    static Scenario toolDeadlines() {
        ToolCall c1 = ADD_1_2;
        ToolCall c2 = LOOKUP_DOG;
        String addTimedOut = "tool \"add\" timed out after 5000 ms";
        String lookupTimedOut = "tool \"lookup\" timed out after 5000 ms";
        return Scenario.named("tool deadline: a timed-out run is abandoned and answered with an error, the queued "
                        + "call starts, and a late result is rejected")
                .config(BASIC.toBuilder().maxParallelTools(1).build())
                .firstTurn(1, "Two things.")
                .given(replyTools(20, e(1), 30, 10, c1, c2), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.Queued()))))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(tick(3_000), (s, x) -> x
                        .state(s.withNow(at(3_000)))
                        .effects()
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --TimeAdvanced--> AwaitingTools"))
                .given(tick(5_020), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", answered(err(c1, addTimedOut))),
                                slot(1, c2, "s1:1:1:1", running(3, 10_020)))))
                        .effects(new Effect.Abandon(e(2), addTimedOut),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, err(c1, addTimedOut))),
                                x.runTool(e(3), c2, "s1:1:1:1", at(10_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), c2)))
                        .wake(at(10_020), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --TimeAdvanced--> AwaitingTools"))
                .given(toolOk(5_100, e(2), "3"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingTools" + NOT_AWAITED_SUFFIX))
                .given(tick(10_020), (s, x) -> {
                    var messages = s.transcript().append(err(c1, addTimedOut)).append(err(c2, lookupTimedOut));
                    x.phase(new Phase.AwaitingModel(e(4), at(20_020), 1))
                            .field("transcript", SessionState::transcript, messages)
                            .effects(new Effect.Abandon(e(3), lookupTimedOut),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), c2, err(c2, lookupTimedOut))),
                                    x.callModel(e(4), messages, at(20_020), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(4), 2, 1)),
                                    new Effect.SaveCheckpoint(s.withNow(at(10_020)).withLastEffectId(4)
                                            .withPhase(new Phase.AwaitingModel(e(4), at(20_020), 1))
                                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                            .withTranscript(messages)
                                            .withPromptEstimate(s.promptEstimate().plusChars(
                                                    addTimedOut.length() + lookupTimedOut.length()))))
                            .wake(at(20_020), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingTools --TimeAdvanced--> AwaitingModel");
                });
    }
}
