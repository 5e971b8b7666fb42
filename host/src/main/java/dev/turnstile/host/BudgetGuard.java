package dev.turnstile.host;

import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Effect;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The host's budget guard, asked before every model call and tool run when the machine's
 * {@link dev.turnstile.machine.BudgetPolicy#guardDeadlineMillis()} is set. Typically checks a
 * tenant's spend in a shared store. No answer within the deadline counts as deny.
 */
public interface BudgetGuard {

    /** Decides on a check. */
    CompletionStage<Answer> check(Effect.CheckBudget check);

    /** A verdict and why. */
    record Answer(BudgetVerdict verdict, String reason) {
        /** Validates fields. */
        public Answer {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
