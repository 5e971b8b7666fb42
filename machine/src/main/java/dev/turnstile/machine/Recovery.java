package dev.turnstile.machine;

import dev.turnstile.machine.ToolSlot.AwaitingDecision;
import dev.turnstile.machine.ToolSlot.CheckingBudget;
import dev.turnstile.machine.ToolSlot.Running;
import io.vavr.control.Option;

/**
 * After a crash every effect that was in flight is gone. Model calls are re-issued (they have no
 * side effects); a tool run is re-issued with the same idempotency key only when the tool is
 * declared idempotent, otherwise the model is told the outcome is unknown, so a side effect is
 * never silently repeated. Pending approvals stay pending and are announced again.
 */
final class Recovery {

    static final String INTERRUPTED = "interrupted: outcome unknown (the session was recovered after a crash while "
            + "this tool was running; it was not re-run because it is not declared idempotent)";

    private Recovery() {}

    static void recover(StepContext cx) {
        int modelCalls = 0;
        int toolsReissued = 0;
        int toolsInterrupted = 0;
        int approvalsPending = 0;
        switch (cx.state.phase()) {
            case Phase.AwaitingUser p -> { }
            case Phase.BackingOff p -> { }
            case Phase.AwaitingBudgetGuard p -> ModelCalls.prepare(cx, p.attempt());
            case Phase.AwaitingModel p -> {
                ModelCalls.issue(cx, p.attempt());
                modelCalls = 1;
            }
            case Phase.AwaitingTools p -> { }
            case Phase.AwaitingApproval p -> { }
        }
        if (cx.state.phase() instanceof Phase.AwaitingTools || cx.state.phase() instanceof Phase.AwaitingApproval) {
            for (ToolSlot slot : ToolBatches.slots(cx)) {
                switch (slot.state()) {
                    case Running r when isIdempotent(cx, slot) -> {
                        ToolBatches.issueRun(cx, slot);
                        toolsReissued++;
                    }
                    case Running r -> {
                        ToolBatches.answer(cx, slot, INTERRUPTED, true, Option.some(r.runId()));
                        toolsInterrupted++;
                    }
                    case CheckingBudget c -> ToolBatches.replace(cx, slot.with(new ToolSlot.Queued()));
                    case AwaitingDecision d -> {
                        Approvals.reannounce(cx, slot, d);
                        approvalsPending++;
                    }
                    case ToolSlot.Queued q -> { }
                    case ToolSlot.Answered a -> { }
                }
            }
            ToolBatches.advance(cx);
        }
        cx.emit(new Event.SessionRecovered(cx.eventContext(), modelCalls, toolsReissued, toolsInterrupted,
                approvalsPending));
    }

    private static boolean isIdempotent(StepContext cx, ToolSlot slot) {
        return cx.catalog.spec(slot.call().name()).exists(dev.turnstile.model.ToolSpec::idempotent);
    }
}
