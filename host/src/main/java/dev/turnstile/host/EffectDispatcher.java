package dev.turnstile.host;

import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.ToolErrorKind;
import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.ReplyResult;
import io.vavr.control.Option;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Executes one step's effects for a {@link SessionDriver}: starts model calls and tool runs, asks
 * the budget guard, announces approvals, abandons, saves checkpoints, publishes events. Every
 * result comes back to the driver as an input. Runs on the session's serial executor.
 */
final class EffectDispatcher {

    private final SessionDriver driver;

    EffectDispatcher(SessionDriver driver) {
        this.driver = driver;
    }

    void dispatch(Effect effect, long sequence) {
        switch (effect) {
            case Effect.CallModel call -> callModel(call);
            case Effect.RunTool run -> runTool(run);
            case Effect.CheckBudget check -> checkBudget(check);
            case Effect.RequestApproval request -> announceApproval(request);
            case Effect.Abandon abandon -> driver.abandon(abandon.id());
            case Effect.SaveCheckpoint save -> driver.saveCheckpoint(save.snapshot(), sequence);
            case Effect.Emit emit -> driver.observations().publish(emit.event());
        }
    }

    // Fix (adapters-blocking helper): the listener is user code running inside the dispatch loop; an
    // exception from it used to abort the loop with the driver still busy, hanging the session. The
    // approval stays pending either way (it is also observable as an ApprovalRequested event).
    private void announceApproval(Effect.RequestApproval request) {
        try {
            driver.ports().approvalListener().accept(driver.sessionId(), request);
        } catch (RuntimeException e) {
            System.getLogger(EffectDispatcher.class.getName()).log(System.Logger.Level.WARNING,
                    "the approval listener failed for " + request.approvalId() + ": " + e);
        }
    }

    private void callModel(Effect.CallModel call) {
        ModelCall inFlight;
        try {
            inFlight = driver.ports().model().start(call.request(), delta -> driver.publishDelta(call.id(), delta));
        } catch (RuntimeException e) {
            driver.track(call.id(), () -> { });
            driver.submitResult(call.id(), at -> new Input.ModelFailed(at, call.id(), FailureKind.FATAL, Option.none(),
                    "the model client could not start the call: " + e, ""));
            return;
        }
        driver.track(call.id(), inFlight::cancel);
        inFlight.result().whenComplete((result, error) -> driver.submitResult(call.id(), at -> switch (result) {
            case null -> new Input.ModelFailed(at, call.id(), FailureKind.RETRYABLE, Option.none(),
                    "the model client failed: " + unwrap(error), "");
            case ReplyResult.Completed done -> new Input.ModelReplied(at, call.id(), done.reply());
            case ReplyResult.Failed failed -> new Input.ModelFailed(at, call.id(), failed.failure().kind(),
                    failed.failure().retryAfterMillis(), failed.failure().message(), failed.partialText());
        }));
    }

    private void runTool(Effect.RunTool run) {
        Tool tool = driver.ports().tools().get(run.call().name()).getOrNull();
        if (tool == null) {
            driver.track(run.id(), () -> { });
            driver.submitResult(run.id(), at -> new Input.ToolFailed(at, run.id(), ToolErrorKind.UNAVAILABLE,
                    "no tool named \"" + run.call().name() + "\" is registered in this runtime"));
            return;
        }
        Cancellation cancellation = new Cancellation();
        driver.track(run.id(), () -> cancellation.cancel("abandoned"));
        CompletionStage<String> output;
        try {
            output = tool.invoke(new ToolInvocation(run.call(), run.idempotencyKey(), run.labels(), cancellation),
                    driver.env().blockingExecutor());
        } catch (RuntimeException e) {
            output = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        output.whenComplete((text, error) -> driver.submitResult(run.id(), at -> error == null
                ? new Input.ToolSucceeded(at, run.id(), text == null ? "" : text)
                : toolFailure(at, run, unwrap(error), cancellation)));
    }

    private static Input toolFailure(java.time.Instant at, Effect.RunTool run, Throwable error, Cancellation cancellation) {
        ToolErrorKind kind = switch (error) {
            case ToolArgumentsException e -> ToolErrorKind.INVALID_ARGUMENTS;
            case InterruptedException e -> ToolErrorKind.CANCELLED;
            default -> cancellation.isCancelled() ? ToolErrorKind.CANCELLED : ToolErrorKind.TOOL_ERROR;
        };
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new Input.ToolFailed(at, run.id(), kind, message);
    }

    private void checkBudget(Effect.CheckBudget check) {
        driver.track(check.id(), () -> { });
        if (driver.ports().budgetGuard().isEmpty()) {
            // Fail closed: a config that asks for a guard without one registered must not spend.
            driver.submitResult(check.id(), at -> new Input.BudgetChecked(at, check.id(), BudgetVerdict.DENY,
                    "no budget guard is registered in this runtime"));
            return;
        }
        CompletionStage<BudgetGuard.Answer> answer;
        try {
            answer = driver.ports().budgetGuard().get().check(check);
        } catch (RuntimeException e) {
            answer = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((a, error) -> driver.submitResult(check.id(), at -> error == null
                ? new Input.BudgetChecked(at, check.id(), a.verdict(), a.reason())
                : new Input.BudgetChecked(at, check.id(), BudgetVerdict.DENY, "the budget guard failed: " + unwrap(error))));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
