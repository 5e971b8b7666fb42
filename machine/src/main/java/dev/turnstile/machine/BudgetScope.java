package dev.turnstile.machine;

/** Whether a budget limit counts one turn or the whole session. */
public enum BudgetScope {
    /** Counters restart with each turn. */
    TURN,
    /** Counters accumulate over the session's life, across turns and recoveries. */
    SESSION
}
