package dev.turnstile.machine;

import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.ToolCall;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** User messages that arrive during a turn, by delivery policy, and idempotency keys. */
final class QueueScenarios {

    private QueueScenarios() {}

    static Vector<Scenario> all() {
        return Vector.of(nextBoundaryInjectedBeforeNextModelCall(), afterTurnStartsNextTurn(), duplicateKeyRejected());
    }

    static Scenario nextBoundaryInjectedBeforeNextModelCall() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":1}");
        var messages = transcript(user("Add 1 and 1."), assistant("", c1), ok(c1, "2"), user("Also say hi."));
        return Scenario.named("queued input NEXT_BOUNDARY: a message sent while tools run joins the transcript "
                        + "right before the next model call")
                .firstTurn(1, "Add 1 and 1.")
                .given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)))))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(userSays(30, "Also say hi."), (s, x) -> x
                        .state(s.withNow(at(30)).withQueued(Vector.of(
                                new QueuedMessage("Also say hi.", Delivery.NEXT_BOUNDARY, at(30)))))
                        .effects(emit(new Event.UserMessageQueued(x.ctx(1), Delivery.NEXT_BOUNDARY, 1)))
                        .sameWake()
                        .fired("AwaitingTools --UserMessageReceived--> AwaitingTools"))
                .given(toolOk(40, e(2), "2"), (s, x) -> {
                    SessionState next = s.withNow(at(40)).withLastEffectId(3)
                            .withPhase(new Phase.AwaitingModel(e(3), at(10_040), 1))
                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                            .withTranscript(messages)
                            .withQueued(Vector.empty())
                            .withPromptEstimate(s.promptEstimate().plusChars(1 + 12));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "2"))),
                                    x.callModel(e(3), messages, at(10_040), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(10_040), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingTools --ToolSucceeded--> AwaitingModel");
                });
    }

    static Scenario afterTurnStartsNextTurn() {
        var turn2 = transcript(user("First question"), AssistantMessage.text("First answer"), user("Second question"));
        return Scenario.named("queued input AFTER_TURN: a message sent during a model call waits, and starts the "
                        + "next turn in the same step that ends this one")
                .firstTurn(1, "First question")
                .given(userSays(10, "Second question", Delivery.AFTER_TURN), (s, x) -> x
                        .state(s.withNow(at(10)).withQueued(Vector.of(
                                new QueuedMessage("Second question", Delivery.AFTER_TURN, at(10)))))
                        .effects(emit(new Event.UserMessageQueued(x.ctx(1), Delivery.AFTER_TURN, 1)))
                        .sameWake()
                        .fired("AwaitingModel --UserMessageReceived--> AwaitingModel"))
                .given(replyText(20, e(1), "First answer", 10, 4), (s, x) -> {
                    Outcome done = new Outcome.Completed("First answer");
                    SessionState next = s.withNow(at(20)).withLastEffectId(2).withTurn(2)
                            .withPhase(new Phase.AwaitingModel(e(2), at(10_020), 1))
                            .withTurnProgress(Option.some(TurnProgress.startingAt(at(20))))
                            .withTranscript(turn2)
                            .withQueued(Vector.empty())
                            .withSessionMeter(meter(usage(10, 4), 0, 1, 0))
                            .withUsageByModel(byModel(usage(10, 4)))
                            .withPromptEstimate(new PromptEstimate(14, 15))
                            .withLastOutcome(Option.some(done));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), done, 1, usage(10, 4), 0)),
                                    emit(new Event.TurnStarted(x.ctx(2), "Second question")),
                                    x.callModel(e(2), turn2, at(10_020), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(2), e(2), 1, 1)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(10_020), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingModel --ModelReplied--> AwaitingUser",
                                    "AwaitingUser --UserMessageReceived--> AwaitingModel");
                });
    }

    static Scenario duplicateKeyRejected() {
        String duplicate = "duplicate user message: idempotency key \"k-1\" was already received";
        return Scenario.named("idempotency key: a second message with a key already seen is rejected, during a turn "
                        + "and after it")
                .given(userSaysKeyed(1, "Hi", "k-1"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(1), at(10_001), 1))
                        .field("idempotency keys", SessionState::idempotencyKeys, TreeSet.of("k-1"))
                        .effects(emit(new Event.TurnStarted(x.ctx(1), "Hi")),
                                x.callModel(e(1), transcript(user("Hi")), at(10_001), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                        .wake(at(10_001), Wake.Reason.MODEL_DEADLINE))
                .given(userSaysKeyed(5, "Hi", "k-1"), (s, x) -> x.rejected(duplicate))
                .given(replyText(20, e(1), "Hello", 3, 1), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("Hello"), 1, usage(3, 1), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(20)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(transcript(user("Hi"), AssistantMessage.text("Hello")))
                                        .withSessionMeter(meter(usage(3, 1), 0, 1, 0))
                                        .withUsageByModel(byModel(usage(3, 1)))
                                        .withPromptEstimate(new PromptEstimate(4, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("Hello")))))
                        .noWake())
                .given(userSaysKeyed(30, "Hi", "k-1"), (s, x) -> x.rejected(duplicate))
                .given(userSaysKeyed(40, "Hi again", "k-2"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(2), at(10_040), 1))
                        .field("turn", SessionState::turn, 2)
                        .field("idempotency keys", SessionState::idempotencyKeys, TreeSet.of("k-1", "k-2"))
                        .effects(emit(new Event.TurnStarted(x.ctx(2), "Hi again")),
                                x.callModel(e(2), transcript(user("Hi"), AssistantMessage.text("Hello"), user("Hi again")),
                                        at(10_040), 1),
                                emit(new Event.ModelCallStarted(x.ctx(2), e(2), 1, 1)))
                        .wake(at(10_040), Wake.Reason.MODEL_DEADLINE));
    }
}
