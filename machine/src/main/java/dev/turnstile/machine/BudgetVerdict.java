package dev.turnstile.machine;

/** The host budget guard's answer to a {@link Effect.CheckBudget}. */
public enum BudgetVerdict {
    /** Go ahead. */
    ALLOW,
    /** Go ahead, but a soft limit was reached: a {@link Event.BudgetGuardAnswered} is emitted. */
    SOFT_LIMIT,
    /** Stop: the turn ends {@link StopReason.GuardDenied}. */
    DENY
}
