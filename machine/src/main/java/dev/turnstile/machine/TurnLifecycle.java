package dev.turnstile.machine;

import dev.turnstile.machine.Input.CancelRequested;
import dev.turnstile.machine.Input.UserMessageReceived;
import dev.turnstile.model.UserMessage;
import io.vavr.control.Option;

/** Turns begin, queue further input, end with an outcome, and start the next queued turn. */
final class TurnLifecycle {

    private TurnLifecycle() {}

    static void start(StepContext cx, UserMessageReceived message) {
        if (!acceptIdempotencyKey(cx, message)) {
            return;
        }
        begin(cx, message.text());
    }

    static void queue(StepContext cx, UserMessageReceived message) {
        if (!acceptIdempotencyKey(cx, message)) {
            return;
        }
        cx.state = cx.state.withQueued(cx.state.queued()
                .append(new QueuedMessage(message.text(), message.delivery(), cx.state.now())));
        cx.emit(new Event.UserMessageQueued(cx.eventContext(), message.delivery(), cx.state.queued().size()));
    }

    static void cancel(StepContext cx, CancelRequested cancel) {
        if (!cx.state.turnRunning()) {
            cx.emit(new Event.CancelIgnored(cx.eventContext(), "no turn is running: " + cancel.reason()));
            return;
        }
        finish(cx, new Outcome.Stopped(new StopReason.Cancelled(cancel.reason())));
    }

    /**
     * Ends the running turn: abandons what is in flight, answers every open tool call so the
     * transcript stays valid, reports the outcome, and starts the next queued message's turn.
     */
    static void finish(StepContext cx, Outcome outcome) {
        String why = describe(outcome);
        switch (cx.state.phase()) {
            // AwaitingUser with a turn in progress means the turn is between rounds within this step (it
            // has just begun, or a round's batch just closed): nothing is in flight. Finishing with no
            // turn begun at all is a bug.
            case Phase.AwaitingUser p -> Invariants.require(cx.state.turnProgress().isDefined(),
                    () -> "finishing a turn while none runs (" + outcome + ")");
            case Phase.AwaitingBudgetGuard p -> cx.abandonUnlessSettled(p.checkId(), why);
            case Phase.AwaitingModel p -> cx.abandonUnlessSettled(p.callId(), why);
            case Phase.BackingOff p -> { }
            case Phase.AwaitingTools p -> ToolBatches.closeBatch(cx, why);
            case Phase.AwaitingApproval p -> ToolBatches.closeBatch(cx, why);
        }
        TurnProgress turn = cx.turn();
        cx.emit(new Event.TurnFinished(cx.eventContext(), outcome, turn.meter().rounds(), turn.meter().usage(),
                turn.meter().costMicros()));
        cx.state = cx.state.withPhase(new Phase.AwaitingUser()).withTurnProgress(Option.none())
                .withLastOutcome(Option.some(outcome));
        cx.requestCheckpoint();
        cx.endTransition();
        if (!cx.state.queued().isEmpty()) {
            QueuedMessage next = cx.state.queued().head();
            cx.state = cx.state.withQueued(cx.state.queued().tail());
            cx.beginTransition("UserMessageReceived");
            begin(cx, next.text());
        }
    }

    /** Round boundary delivery: user messages marked {@link Delivery#NEXT_BOUNDARY} join the transcript. */
    static void deliverAtBoundary(StepContext cx) {
        var boundary = cx.state.queued().filter(q -> q.delivery() == Delivery.NEXT_BOUNDARY);
        if (boundary.isEmpty()) {
            return;
        }
        cx.state = cx.state.withQueued(cx.state.queued().filter(q -> q.delivery() != Delivery.NEXT_BOUNDARY));
        for (QueuedMessage q : boundary) {
            cx.appendToTranscript(new UserMessage(q.text()), q.text().length());
        }
    }

    private static void begin(StepContext cx, String text) {
        cx.state = cx.state.withTurn(cx.state.turn() + 1);
        cx.setTurn(TurnProgress.startingAt(cx.state.now()));
        cx.appendToTranscript(new UserMessage(text), text.length());
        cx.emit(new Event.TurnStarted(cx.eventContext(), text));
        ModelCalls.prepare(cx, 1);
    }

    private static boolean acceptIdempotencyKey(StepContext cx, UserMessageReceived message) {
        if (message.idempotencyKey().isEmpty()) {
            return true;
        }
        String key = message.idempotencyKey().get();
        if (cx.state.idempotencyKeys().contains(key)) {
            cx.reject(message, "duplicate user message: idempotency key \"" + key + "\" was already received");
            return false;
        }
        cx.state = cx.state.withIdempotencyKeys(cx.state.idempotencyKeys().add(key));
        return true;
    }

    static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Completed c -> "turn completed";
            case Outcome.Stopped(StopReason.Cancelled c) -> "turn cancelled: " + c.reason();
            case Outcome.Stopped(StopReason.MaxRounds m) -> "round limit reached";
            case Outcome.Stopped(StopReason.BudgetExhausted b) -> "budget exhausted: " + b.detail();
            case Outcome.Stopped(StopReason.GuardDenied g) -> "budget guard denied " + g.subject() + ": " + g.reason();
            case Outcome.Stopped(StopReason.ModelFailed m) -> "model failed: " + m.message();
            case Outcome.Stopped(StopReason.ContextOverflow c) -> "context overflow: " + c.message();
            case Outcome.Stopped(StopReason.ToolFailed t) -> "tool " + t.toolName() + " failed: " + t.message();
            case Outcome.Stopped(StopReason.Incomplete i) -> "output limit reached";
        };
    }
}
