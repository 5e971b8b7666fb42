package dev.turnstile.machine;

import dev.turnstile.machine.Input.BudgetChecked;
import dev.turnstile.machine.Input.ToolFailed;
import dev.turnstile.machine.Input.ToolSucceeded;
import dev.turnstile.machine.ToolSlot.Answered;
import dev.turnstile.machine.ToolSlot.AwaitingDecision;
import dev.turnstile.machine.ToolSlot.CheckingBudget;
import dev.turnstile.machine.ToolSlot.Queued;
import dev.turnstile.machine.ToolSlot.Running;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A round's tool batch: classify the model's calls, run permitted ones up to the concurrency cap,
 * collect answers in any order, and put the results into the transcript in call order.
 */
final class ToolBatches {

    private ToolBatches() {}

    /** Classifies every call of {@code message} into a slot; answers the invalid and the denied at once. */
    static void open(StepContext cx, AssistantMessage message) {
        TurnProgress turn = cx.turn();
        TreeMap<String, Integer> requested = turn.toolCallsRequested();
        List<ToolSlot> slots = new ArrayList<>(message.toolCalls().size());
        for (int i = 0; i < message.toolCalls().size(); i++) {
            ToolCall call = message.toolCalls().get(i);
            String key = idempotencyKey(cx, turn, i);
            Either<String, ToolCall> valid = cx.catalog.validate(call);
            if (valid.isLeft()) {
                slots.add(answeredNow(cx, new ToolSlot(i, call, key, new Queued()), valid.getLeft()));
                continue;
            }
            ToolCall checked = valid.get();
            Option<String> overLimit = Limits.overLimit(cx.config, requested, checked.name());
            if (overLimit.isDefined()) {
                slots.add(answeredNow(cx, new ToolSlot(i, checked, key, new Queued()), overLimit.get()));
                continue;
            }
            requested = requested.put(checked.name(), requested.get(checked.name()).getOrElse(0) + 1);
            slots.add(permit(cx, new ToolSlot(i, checked, key, new Queued())));
        }
        cx.setTurn(turn.withToolCallsRequested(requested));
        cx.state = cx.state.withPhase(new Phase.AwaitingTools(Vector.ofAll(slots)));
    }

    /** A batch whose calls will all be answered "not run" by {@link TurnLifecycle#finish}. */
    static void openUnclassified(StepContext cx, AssistantMessage message) {
        TurnProgress turn = cx.turn();
        Vector<ToolSlot> slots = message.toolCalls().zipWithIndex()
                .map(t -> new ToolSlot(t._2, t._1, idempotencyKey(cx, turn, t._2), new Queued()));
        cx.state = cx.state.withPhase(new Phase.AwaitingTools(slots));
    }

    private static String idempotencyKey(StepContext cx, TurnProgress turn, int index) {
        // session:turn:round:index rather than the model's call id: some servers reuse ids such as "0"
        // in every round (fixture openai-compatible/test_tools_streaming_variant_a).
        return cx.state.sessionId() + ":" + cx.state.turn() + ":" + turn.round() + ":" + index;
    }

    private static ToolSlot permit(StepContext cx, ToolSlot slot) {
        return switch (cx.config.permissions().verdictFor(slot.call().name())) {
            case ALLOW -> slot;
            case DENY -> answeredNow(cx, slot,
                    "denied by policy: the tool \"" + slot.call().name() + "\" is not allowed in this session");
            case ASK -> Approvals.request(cx, slot);
        };
    }

    /**
     * Starts queued calls while the concurrency cap allows, then settles the phase. Without a guard,
     * the budget is checked for all the runs about to start before any is issued: a run must never be
     * issued and abandoned in the same step (a non-idempotent tool could already have acted).
     */
    static void advance(StepContext cx) {
        int inFlight = (int) slots(cx).count(s -> s.state() instanceof Running || s.state() instanceof CheckingBudget);
        Vector<ToolSlot> toStart = slots(cx).filter(s -> s.state() instanceof Queued)
                .take(Math.max(0, cx.config.maxParallelTools() - inFlight));
        boolean guarded = cx.config.budget().guardDeadlineMillis().isDefined();
        if (!toStart.isEmpty() && !guarded) {
            Option<StopReason> exhausted = Budgets.beforeToolRuns(cx, toStart.size());
            if (exhausted.isDefined()) {
                TurnLifecycle.finish(cx, new Outcome.Stopped(exhausted.get()));
                return;
            }
        }
        for (ToolSlot slot : toStart) {
            if (guarded) {
                askGuard(cx, slot);
            } else {
                Budgets.recordToolRun(cx);
                issueRun(cx, slot);
            }
        }
        settle(cx);
    }

    private static void askGuard(StepContext cx, ToolSlot slot) {
        EffectId checkId = cx.nextEffectId();
        Instant deadline = cx.state.now().plusMillis(cx.config.budget().guardDeadlineMillis().get());
        cx.command(new Effect.CheckBudget(checkId, "tool:" + slot.call().name(), dev.turnstile.model.Usage.ZERO, 0,
                deadline, cx.state.labels()));
        replace(cx, slot.with(new CheckingBudget(checkId, deadline)));
    }

    /** Runs a slot the guard allowed; false when a hard budget limit ended the turn instead. */
    private static boolean runAllowed(StepContext cx, ToolSlot slot) {
        Option<StopReason> exhausted = Budgets.beforeToolRuns(cx, 1);
        if (exhausted.isDefined()) {
            TurnLifecycle.finish(cx, new Outcome.Stopped(exhausted.get()));
            return false;
        }
        Budgets.recordToolRun(cx);
        issueRun(cx, slot);
        return true;
    }

    /** Issues the run effect (also used to re-run an idempotent tool after recovery). */
    static void issueRun(StepContext cx, ToolSlot slot) {
        EffectId runId = cx.nextEffectId();
        Instant deadline = cx.state.now().plusMillis(cx.config.toolTimeoutMillis());
        cx.command(new Effect.RunTool(runId, slot.call(), slot.idempotencyKey(), deadline, cx.state.labels()));
        cx.emit(new Event.ToolCallStarted(cx.eventContext(), runId, slot.call()));
        replace(cx, slot.with(new Running(runId, deadline)));
    }

    static void succeeded(StepContext cx, ToolSucceeded result) {
        Option<ToolSlot> slot = runningSlot(cx, result.effectId());
        if (slot.isEmpty()) {
            cx.reject(result, Rejections.notAwaited(cx.state, result.effectId()));
            return;
        }
        cx.settle(result.effectId());
        answer(cx, slot.get(), result.output(), false, Option.some(result.effectId()));
        advance(cx);
    }

    static void failed(StepContext cx, ToolFailed failure) {
        Option<ToolSlot> slot = runningSlot(cx, failure.effectId());
        if (slot.isEmpty()) {
            cx.reject(failure, Rejections.notAwaited(cx.state, failure.effectId()));
            return;
        }
        cx.settle(failure.effectId());
        String text = "tool \"" + slot.get().call().name() + "\" failed (" + failure.kind().name().toLowerCase(java.util.Locale.ROOT)
                + "): " + failure.message();
        answer(cx, slot.get(), text, true, Option.some(failure.effectId()));
        if (cx.config.stopTurnOnToolFailure()) {
            TurnLifecycle.finish(cx, new Outcome.Stopped(new StopReason.ToolFailed(slot.get().call().name(),
                    failure.message())));
            return;
        }
        advance(cx);
    }

    static void guardAnswered(StepContext cx, BudgetChecked checked) {
        Option<ToolSlot> found = slots(cx).find(s -> s.state() instanceof CheckingBudget c
                && c.checkId().equals(checked.effectId()));
        if (found.isEmpty()) {
            cx.reject(checked, Rejections.notAwaited(cx.state, checked.effectId()));
            return;
        }
        cx.settle(checked.effectId());
        ToolSlot slot = found.get();
        String subject = "tool:" + slot.call().name();
        if (checked.verdict() != BudgetVerdict.ALLOW) {
            cx.emit(new Event.BudgetGuardAnswered(cx.eventContext(), checked.effectId(), subject, checked.verdict(),
                    checked.reason(), false));
        }
        if (checked.verdict() == BudgetVerdict.DENY) {
            TurnLifecycle.finish(cx, new Outcome.Stopped(new StopReason.GuardDenied(subject, checked.reason(), false)));
            return;
        }
        if (runAllowed(cx, slot)) {
            advance(cx);
        }
    }

    /** Fires the expired deadlines of the batch's slots; false when that ended the turn. */
    static boolean fireDeadlines(StepContext cx) {
        Instant now = cx.state.now();
        for (ToolSlot slot : slots(cx)) {
            switch (slot.state()) {
                case Running r when !now.isBefore(r.deadline()) -> {
                    String text = "tool \"" + slot.call().name() + "\" timed out after "
                            + cx.config.toolTimeoutMillis() + " ms";
                    cx.command(new Effect.Abandon(r.runId(), text));
                    cx.settle(r.runId());
                    answer(cx, slot, text, true, Option.some(r.runId()));
                }
                case CheckingBudget c when !now.isBefore(c.deadline()) -> {
                    String subject = "tool:" + slot.call().name();
                    String reason = "no answer within " + cx.config.budget().guardDeadlineMillis().getOrElse(0L) + " ms";
                    cx.emit(new Event.BudgetGuardAnswered(cx.eventContext(), c.checkId(), subject, BudgetVerdict.DENY,
                            reason, true));
                    cx.command(new Effect.Abandon(c.checkId(), "budget guard deadline passed"));
                    cx.settle(c.checkId());
                    TurnLifecycle.finish(cx, new Outcome.Stopped(new StopReason.GuardDenied(subject, reason, true)));
                    return false;
                }
                case AwaitingDecision d when d.expiresAt().exists(e -> !now.isBefore(e)) -> Approvals.expire(cx, slot, d);
                case Running r -> { }
                case CheckingBudget c -> { }
                case AwaitingDecision d -> { }
                case Queued q -> { }
                case Answered a -> { }
            }
        }
        return true;
    }

    /**
     * Answers every open call with "not run" or "not completed" because the turn is ending, abandons
     * what is in flight, and appends all results so that no tool call is left unanswered.
     */
    static void closeBatch(StepContext cx, String why) {
        for (ToolSlot slot : slots(cx)) {
            switch (slot.state()) {
                case Running r -> {
                    cx.abandonUnlessSettled(r.runId(), why);
                    answer(cx, slot, "not completed: " + why, true, Option.some(r.runId()));
                }
                case CheckingBudget c -> {
                    cx.abandonUnlessSettled(c.checkId(), why);
                    answer(cx, slot, "not run: " + why, true, Option.none());
                }
                case AwaitingDecision d -> Approvals.closeUndecided(cx, slot, d, why);
                case Queued q -> answer(cx, slot, "not run: " + why, true, Option.none());
                case Answered a -> { }
            }
        }
        appendResults(cx);
    }

    /** Moves the phase to what the batch now waits for, or completes the round. */
    static void settle(StepContext cx) {
        Vector<ToolSlot> slots = slots(cx);
        Vector<ToolSlot> open = slots.filter(s -> !s.isAnswered());
        if (open.isEmpty()) {
            completeRound(cx);
        } else if (open.forAll(s -> s.state() instanceof AwaitingDecision)) {
            cx.state = cx.state.withPhase(new Phase.AwaitingApproval(slots));
        } else {
            cx.state = cx.state.withPhase(new Phase.AwaitingTools(slots));
        }
    }

    private static void completeRound(StepContext cx) {
        appendResults(cx);
        // The batch is closed: its results are in the transcript and nothing of it is in flight. Until the
        // next call is prepared the turn is between rounds, which the machine represents as AwaitingUser
        // with the turn's progress still present (as when a turn has just begun), so that a budget stop
        // while preparing the next round does not close the batch a second time.
        cx.state = cx.state.withPhase(new Phase.AwaitingUser());
        TurnLifecycle.deliverAtBoundary(cx);
        cx.requestCheckpoint();
        TurnProgress turn = cx.turn();
        boolean grace = turn.round() >= cx.config.maxRounds();
        if (grace) {
            String instruction = cx.config.graceRoundInstruction();
            cx.appendToTranscript(new dev.turnstile.model.UserMessage(instruction), instruction.length());
        }
        cx.setTurn(turn.nextRound(grace));
        ModelCalls.prepare(cx, 1);
    }

    private static void appendResults(StepContext cx) {
        for (ToolSlot slot : slots(cx)) {
            ToolResultMessage result = ((Answered) slot.state()).result();
            cx.appendToTranscript(result, result.content().length());
        }
        Invariants.requireToolCallsAnswered(cx.state.transcript());
    }

    static ToolSlot answeredNow(StepContext cx, ToolSlot slot, String errorText) {
        ToolResultMessage result = new ToolResultMessage(slot.call().id(), slot.call().name(), errorText, true);
        cx.emit(new Event.ToolCallFinished(cx.eventContext(), Option.none(), slot.call(), result));
        return slot.with(new Answered(result));
    }

    static void answer(StepContext cx, ToolSlot slot, String content, boolean isError, Option<EffectId> runId) {
        ToolResultMessage result = new ToolResultMessage(slot.call().id(), slot.call().name(), content, isError);
        cx.emit(new Event.ToolCallFinished(cx.eventContext(), runId, slot.call(), result));
        replace(cx, slot.with(new Answered(result)));
    }

    static Vector<ToolSlot> slots(StepContext cx) {
        return switch (cx.state.phase()) {
            case Phase.AwaitingTools p -> p.slots();
            case Phase.AwaitingApproval p -> p.slots();
            case Phase.AwaitingUser p -> throw noBatch(p);
            case Phase.AwaitingBudgetGuard p -> throw noBatch(p);
            case Phase.AwaitingModel p -> throw noBatch(p);
            case Phase.BackingOff p -> throw noBatch(p);
        };
    }

    /** Replaces the slot with the same index, keeping the phase kind; {@link #settle} picks the kind. */
    static void replace(StepContext cx, ToolSlot slot) {
        Vector<ToolSlot> updated = slots(cx).update(slot.index(), slot);
        cx.state = cx.state.withPhase(cx.state.phase() instanceof Phase.AwaitingApproval
                ? new Phase.AwaitingApproval(updated)
                : new Phase.AwaitingTools(updated));
    }

    private static Option<ToolSlot> runningSlot(StepContext cx, EffectId runId) {
        return slots(cx).find(s -> s.state() instanceof Running r && r.runId().equals(runId));
    }

    private static IllegalStateException noBatch(Phase phase) {
        return new IllegalStateException("invariant broken: no tool batch in phase " + phase);
    }
}
