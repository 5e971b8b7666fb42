package dev.turnstile.machine;

import dev.turnstile.machine.ToolSlot.AwaitingDecision;
import dev.turnstile.machine.ToolSlot.CheckingBudget;
import dev.turnstile.machine.ToolSlot.Running;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * Deadlines live in the state; this class finds the earliest one (the step's wake) and fires every
 * one that has passed. Time only moves through input instants, so this is pure.
 */
final class Deadlines {

    private Deadlines() {}

    /** The earliest deadline of the state, if any. */
    static Option<Wake> next(SessionState state, MachineConfig config) {
        Wake earliest = null;
        for (Wake w : candidates(state, config)) {
            if (earliest == null || w.at().isBefore(earliest.at())) {
                earliest = w;
            }
        }
        return Option.of(earliest);
    }

    static boolean anyExpired(StepContext cx) {
        return next(cx.state, cx.config).exists(w -> !cx.state.now().isBefore(w.at()));
    }

    /** Fires every deadline at or before now. A wake-up with nothing expired changes nothing. */
    static void fire(StepContext cx) {
        if (Budgets.turnDeadline(cx.state, cx.config).exists(d -> !cx.state.now().isBefore(d))) {
            TurnLifecycle.finish(cx, new Outcome.Stopped(Budgets.wallTimeExhausted(cx)));
            return;
        }
        Instant now = cx.state.now();
        switch (cx.state.phase()) {
            case Phase.AwaitingUser p -> { }
            case Phase.AwaitingBudgetGuard p -> {
                if (!now.isBefore(p.deadline())) {
                    ModelCalls.guardTimedOut(cx, p);
                }
            }
            case Phase.AwaitingModel p -> {
                if (!now.isBefore(p.deadline())) {
                    ModelCalls.timedOut(cx, p);
                }
            }
            case Phase.BackingOff p -> {
                if (!now.isBefore(p.retryAt())) {
                    ModelCalls.prepare(cx, p.nextAttempt());
                }
            }
            case Phase.AwaitingTools p -> fireBatch(cx);
            case Phase.AwaitingApproval p -> fireBatch(cx);
        }
    }

    private static void fireBatch(StepContext cx) {
        boolean expiredAny = next(cx.state, cx.config).exists(w -> !cx.state.now().isBefore(w.at()));
        if (expiredAny && ToolBatches.fireDeadlines(cx)) {
            ToolBatches.advance(cx);
        }
    }

    private static Vector<Wake> candidates(SessionState state, MachineConfig config) {
        Vector<Wake> wakes = Budgets.turnDeadline(state, config)
                .map(at -> Vector.of(new Wake(at, Wake.Reason.TURN_DEADLINE)))
                .getOrElse(Vector.empty());
        return switch (state.phase()) {
            case Phase.AwaitingUser p -> wakes;
            case Phase.AwaitingBudgetGuard p -> wakes.append(new Wake(p.deadline(), Wake.Reason.BUDGET_GUARD_DEADLINE));
            case Phase.AwaitingModel p -> wakes.append(new Wake(p.deadline(), Wake.Reason.MODEL_DEADLINE));
            case Phase.BackingOff p -> wakes.append(new Wake(p.retryAt(), Wake.Reason.RETRY_BACKOFF));
            case Phase.AwaitingTools p -> wakes.appendAll(slotWakes(p.slots()));
            case Phase.AwaitingApproval p -> wakes.appendAll(slotWakes(p.slots()));
        };
    }

    private static Vector<Wake> slotWakes(Vector<ToolSlot> slots) {
        return slots.flatMap(s -> switch (s.state()) {
            case Running r -> Option.some(new Wake(r.deadline(), Wake.Reason.TOOL_DEADLINE));
            case CheckingBudget c -> Option.some(new Wake(c.deadline(), Wake.Reason.BUDGET_GUARD_DEADLINE));
            case AwaitingDecision d -> d.expiresAt().map(at -> new Wake(at, Wake.Reason.APPROVAL_EXPIRY));
            case ToolSlot.Queued q -> Option.<Wake>none();
            case ToolSlot.Answered a -> Option.<Wake>none();
        });
    }
}
