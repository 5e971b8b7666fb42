package dev.turnstile.machine;

import dev.turnstile.machine.Input.BudgetChecked;
import dev.turnstile.machine.Input.ModelFailed;
import dev.turnstile.machine.Input.ModelReplied;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.Usage;
import io.vavr.control.Option;
import java.time.Instant;

/** Model calls: budget gate, issue, reply, failure, retry with backoff, deadline. */
final class ModelCalls {

    private ModelCalls() {}

    /** Starts attempt {@code attempt} of the current round: budgets first, then the guard or the call. */
    static void prepare(StepContext cx, int attempt) {
        Option<StopReason> exhausted = Budgets.beforeModelCall(cx);
        if (exhausted.isDefined()) {
            TurnLifecycle.finish(cx, new Outcome.Stopped(exhausted.get()));
            return;
        }
        Option<Long> guardMillis = cx.config.budget().guardDeadlineMillis();
        if (guardMillis.isEmpty()) {
            issue(cx, attempt);
            return;
        }
        EffectId checkId = cx.nextEffectId();
        Instant deadline = cx.state.now().plusMillis(guardMillis.get());
        long estimatedTokens = cx.state.promptEstimate().estimatedTokens();
        cx.command(new Effect.CheckBudget(checkId, subject(cx), Usage.of(estimatedTokens, 0),
                cx.config.budget().costMicros(cx.config.model(), estimatedTokens, 0), deadline, cx.state.labels()));
        cx.state = cx.state.withPhase(new Phase.AwaitingBudgetGuard(checkId, deadline, attempt));
    }

    /** Issues the call. Every tool call in the transcript must be answered by now. */
    static void issue(StepContext cx, int attempt) {
        Invariants.requireToolCallsAnswered(cx.state.transcript());
        TurnProgress turn = cx.turn();
        EffectId id = cx.nextEffectId();
        Instant deadline = cx.state.now().plusMillis(cx.config.modelCallTimeoutMillis());
        MachineConfig c = cx.config;
        ModelRequest request = new ModelRequest(c.model(), c.systemPrompt(), cx.state.transcript(), c.tools(),
                turn.graceRound() ? ToolChoice.NONE : ToolChoice.AUTO, c.parallelToolCalls(), c.maxOutputTokens(),
                c.temperature());
        cx.command(new Effect.CallModel(id, request, deadline, attempt, cx.state.labels()));
        cx.emit(new Event.ModelCallStarted(cx.eventContext(), id, turn.round(), attempt));
        cx.state = cx.state.withPhase(new Phase.AwaitingModel(id, deadline, attempt));
    }

    static void guardAnswered(StepContext cx, Phase.AwaitingBudgetGuard waiting, BudgetChecked checked) {
        if (!checked.effectId().equals(waiting.checkId())) {
            cx.reject(checked, Rejections.notAwaited(cx.state, checked.effectId()));
            return;
        }
        cx.settle(checked.effectId());
        if (checked.verdict() != BudgetVerdict.ALLOW) {
            cx.emit(new Event.BudgetGuardAnswered(cx.eventContext(), checked.effectId(), subject(cx),
                    checked.verdict(), checked.reason(), false));
        }
        if (checked.verdict() == BudgetVerdict.DENY) {
            TurnLifecycle.finish(cx, new Outcome.Stopped(new StopReason.GuardDenied(subject(cx), checked.reason(), false)));
            return;
        }
        issue(cx, waiting.attempt());
    }

    static void guardTimedOut(StepContext cx, Phase.AwaitingBudgetGuard waiting) {
        String reason = "no answer within " + cx.config.budget().guardDeadlineMillis().getOrElse(0L) + " ms";
        cx.emit(new Event.BudgetGuardAnswered(cx.eventContext(), waiting.checkId(), subject(cx), BudgetVerdict.DENY,
                reason, true));
        cx.command(new Effect.Abandon(waiting.checkId(), "budget guard deadline passed"));
        cx.settle(waiting.checkId());
        TurnLifecycle.finish(cx, new Outcome.Stopped(new StopReason.GuardDenied(subject(cx), reason, true)));
    }

    static void replied(StepContext cx, Phase.AwaitingModel waiting, ModelReplied replied) {
        if (!replied.effectId().equals(waiting.callId())) {
            cx.reject(replied, Rejections.notAwaited(cx.state, replied.effectId()));
            return;
        }
        cx.settle(replied.effectId());
        Budgets.recordReply(cx, replied.reply());
        AssistantMessage message = replied.reply().message();
        cx.appendToTranscript(message, 0);
        if (!message.hasToolCalls()) {
            // Tool use is decided from the calls gathered, never from finish_reason (DESIGN §5).
            boolean cutShort = replied.reply().finishReason() == FinishReason.MAX_TOKENS;
            TurnLifecycle.finish(cx, cutShort
                    ? new Outcome.Stopped(new StopReason.Incomplete(message.text()))
                    : new Outcome.Completed(message.text()));
            return;
        }
        if (cx.turn().graceRound()) {
            // The model was told to finish and still asked for tools: answer every call "not run"
            // (the transcript must stay valid) and stop.
            ToolBatches.openUnclassified(cx, message);
            TurnLifecycle.finish(cx, new Outcome.Stopped(new StopReason.MaxRounds(cx.turn().round())));
            return;
        }
        ToolBatches.open(cx, message);
        ToolBatches.advance(cx);
    }

    static void failed(StepContext cx, Phase.AwaitingModel waiting, ModelFailed failure) {
        if (!failure.effectId().equals(waiting.callId())) {
            cx.reject(failure, Rejections.notAwaited(cx.state, failure.effectId()));
            return;
        }
        cx.settle(failure.effectId());
        switch (failure.kind()) {
            case RETRYABLE, RATE_LIMITED -> retryOrStop(cx, waiting, failure.kind(), failure.retryAfterMillis(),
                    failure.message());
            case CONTEXT_OVERFLOW -> TurnLifecycle.finish(cx,
                    new Outcome.Stopped(new StopReason.ContextOverflow(failure.message())));
            case FATAL, CANCELLED -> TurnLifecycle.finish(cx,
                    new Outcome.Stopped(new StopReason.ModelFailed(failure.kind(), failure.message())));
        }
    }

    static void timedOut(StepContext cx, Phase.AwaitingModel waiting) {
        String message = "model call timed out after " + cx.config.modelCallTimeoutMillis() + " ms";
        cx.command(new Effect.Abandon(waiting.callId(), message));
        cx.settle(waiting.callId());
        retryOrStop(cx, waiting, FailureKind.RETRYABLE, Option.none(), message);
    }

    private static void retryOrStop(StepContext cx, Phase.AwaitingModel waiting, FailureKind kind,
            Option<Long> retryAfterMillis, String message) {
        RetryPolicy policy = cx.config.retry();
        if (waiting.attempt() >= policy.maxAttempts()) {
            String attempts = waiting.attempt() == 1 ? "1 attempt" : waiting.attempt() + " attempts";
            stopFailed(cx, kind, message + " (gave up after " + attempts + ")");
            return;
        }
        if (retryAfterMillis.exists(ms -> ms > policy.retryAfterCapMillis())) {
            stopFailed(cx, kind, message + " (server asked to retry after " + retryAfterMillis.get()
                    + " ms, more than the cap of " + policy.retryAfterCapMillis() + " ms)");
            return;
        }
        long delayMillis = Math.max(1, retryAfterMillis.getOrElse(() -> backoffMillis(cx, waiting.attempt())));
        cx.emit(new Event.RetryScheduled(cx.eventContext(), waiting.callId(), kind, message, waiting.attempt() + 1,
                delayMillis));
        cx.state = cx.state.withPhase(new Phase.BackingOff(cx.state.now().plusMillis(delayMillis), waiting.attempt() + 1));
    }

    private static void stopFailed(StepContext cx, FailureKind kind, String message) {
        TurnLifecycle.finish(cx, new Outcome.Stopped(new StopReason.ModelFailed(kind, message)));
    }

    /** Exponential backoff minus jitter drawn from the state's PRNG. */
    static long backoffMillis(StepContext cx, int failedAttempt) {
        RetryPolicy policy = cx.config.retry();
        int shift = Math.min(failedAttempt - 1, 30);
        long exponential = Math.min(policy.maxDelayMillis(), policy.baseDelayMillis() << shift);
        long jitterRange = exponential * policy.jitterPercent() / 100;
        if (jitterRange <= 0) {
            return exponential;
        }
        long jitter = cx.state.prng().peekBelow(jitterRange + 1);
        cx.state = cx.state.withPrng(cx.state.prng().next());
        return exponential - jitter;
    }

    private static String subject(StepContext cx) {
        return "model:" + cx.config.model();
    }
}
