package dev.turnstile.conformance.sim;

import static dev.turnstile.conformance.sim.Broken.require;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ToolChoice;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Rounds, the grace round, retries, and what a model reply or failure must lead to: the model-facing
 * policy checked from the outside.
 */
final class ModelRules {

    private final MachineConfig config;
    private final Map<Long, Integer> attemptByCall = new HashMap<>();

    ModelRules(MachineConfig config) {
        this.config = config;
    }

    void check(StepFacts f) {
        ObservedStep s = f.step();
        RetryPolicy retry = config.retry();
        int lastRound = config.maxRounds() + 1;
        boolean accepted = !s.rejected();
        if (accepted && s.input() instanceof Input.ModelFailed failed) {
            checkFailure(s, failed);
        }
        if (accepted && s.input() instanceof Input.ModelReplied replied) {
            checkReply(s, replied);
        }
        for (Effect effect : s.effects()) {
            switch (effect) {
                case Effect.CallModel c -> {
                    attemptByCall.put(c.id().value(), c.attempt());
                    require(c.attempt() >= 1 && c.attempt() <= retry.maxAttempts(), Invariant.ROUND_LIMIT,
                            () -> "attempt " + c.attempt() + " exceeds the policy's " + retry.maxAttempts());
                    // The call's round is on its ModelCallStarted event: the state after the step may
                    // already belong to the next turn (a cancel after a retry fired, then a queued turn).
                    int round = s.events().find(e -> e instanceof Event.ModelCallStarted m && m.effectId().equals(c.id()))
                            .map(e -> ((Event.ModelCallStarted) e).round()).getOrElse(-1);
                    boolean grace = round == lastRound;
                    require(grace == (c.request().toolChoice() == ToolChoice.NONE), Invariant.ROUND_LIMIT,
                            () -> "tool choice " + c.request().toolChoice() + " in round " + round + " of at most "
                                    + lastRound + " (only the last, the grace round, forbids tools)");
                    boolean awaited = s.after().phase() instanceof Phase.AwaitingModel m && m.callId().equals(c.id());
                    require(!awaited || s.after().turnProgress().exists(t -> t.graceRound() == grace
                                    && t.round() == round), Invariant.ROUND_LIMIT,
                            () -> "the call is for round " + round + ", the turn's progress says "
                                    + s.after().turnProgress());
                }
                case Effect.Emit(Event.ModelCallStarted m) -> require(m.round() >= 1 && m.round() <= lastRound,
                        Invariant.ROUND_LIMIT, () -> "round " + m.round() + " started, the limit is " + lastRound);
                case Effect.Emit(Event.RetryScheduled r) -> checkRetry(s, r);
                case Effect.Emit(Event.TurnFinished t) -> require(t.rounds() <= lastRound, Invariant.ROUND_LIMIT,
                        () -> "a turn finished after " + t.rounds() + " rounds, the limit is " + lastRound);
                case Effect.Emit e -> { }
                case Effect.RunTool r -> { }
                case Effect.CheckBudget b -> { }
                case Effect.Abandon a -> { }
                case Effect.RequestApproval a -> { }
                case Effect.SaveCheckpoint cp -> { }
            }
        }
    }

    private void checkRetry(ObservedStep s, Event.RetryScheduled r) {
        RetryPolicy retry = config.retry();
        require(r.nextAttempt() <= retry.maxAttempts() && r.delayMillis() >= 1, Invariant.RETRY_POLICY,
                () -> "retry " + r.nextAttempt() + " after " + r.delayMillis() + " ms breaks " + retry);
        // Only an accepted failure carries the server's retry-after; a failure arriving after its call
        // timed out (the timeout fired first, in the same step) is rejected and the timeout's backoff applies.
        if (!s.rejected() && s.input() instanceof Input.ModelFailed failed && failed.retryAfterMillis().isDefined()
                && failed.effectId().equals(r.failedCall())) {
            long asked = failed.retryAfterMillis().get();
            require(asked <= retry.retryAfterCapMillis() && r.delayMillis() == Math.max(1, asked),
                    Invariant.RETRY_POLICY, () -> "the server asked for " + asked + " ms, the retry waits "
                            + r.delayMillis() + " ms (cap " + retry.retryAfterCapMillis() + ")");
        } else {
            require(r.delayMillis() <= Math.max(1, retry.maxDelayMillis()), Invariant.RETRY_POLICY,
                    () -> "a backoff of " + r.delayMillis() + " ms exceeds the maximum " + retry.maxDelayMillis());
        }
    }

    private void checkFailure(ObservedStep s, Input.ModelFailed failed) {
        int attempt = attemptByCall.getOrDefault(failed.effectId().value(), 1);
        boolean retryable = failed.kind() == FailureKind.RETRYABLE || failed.kind() == FailureKind.RATE_LIMITED;
        boolean overCap = failed.retryAfterMillis().exists(ms -> ms > config.retry().retryAfterCapMillis());
        boolean mayRetry = retryable && !overCap && attempt < config.retry().maxAttempts();
        if (mayRetry) {
            require(s.events().exists(e -> e instanceof Event.RetryScheduled), Invariant.RETRY_POLICY,
                    () -> "a " + failed.kind() + " failure of attempt " + attempt + " was not retried");
            return;
        }
        Predicate<StopReason> expected = switch (failed.kind()) {
            case CONTEXT_OVERFLOW -> r -> r instanceof StopReason.ContextOverflow;
            case RETRYABLE, RATE_LIMITED, FATAL, CANCELLED ->
                    r -> r instanceof StopReason.ModelFailed m && m.kind() == failed.kind();
        };
        require(finishedWith(s, o -> o instanceof Outcome.Stopped(StopReason r) && expected.test(r)),
                Invariant.RETRY_POLICY, () -> "a " + failed.kind() + " failure of attempt " + attempt
                        + " must stop the turn with that reason");
    }

    private void checkReply(ObservedStep s, Input.ModelReplied replied) {
        var message = replied.reply().message();
        if (!message.hasToolCalls()) {
            boolean cut = replied.reply().finishReason() == FinishReason.MAX_TOKENS;
            require(finishedWith(s, o -> cut
                            ? o instanceof Outcome.Stopped(StopReason.Incomplete i) && i.partialText().equals(message.text())
                            : o instanceof Outcome.Completed c && c.text().equals(message.text())),
                    Invariant.TURN_LIFECYCLE, () -> "a reply without tool calls must end the turn "
                            + (cut ? "Incomplete" : "Completed") + " with its text");
        } else if (s.before().turnProgress().exists(t -> t.graceRound())) {
            require(finishedWith(s, o -> o instanceof Outcome.Stopped(StopReason.MaxRounds m)), Invariant.ROUND_LIMIT,
                    () -> "tool calls in the grace round must stop the turn with MaxRounds");
        }
    }

    private static boolean finishedWith(ObservedStep s, Predicate<Outcome> outcome) {
        return s.events().exists(e -> e instanceof Event.TurnFinished t && outcome.test(t.outcome()));
    }
}
