package dev.turnstile.machine;

/** What a budget limits. Units are in the names of the values. */
public enum BudgetResource {
    /** Prompt tokens. */
    INPUT_TOKENS,
    /** Completion tokens. */
    OUTPUT_TOKENS,
    /** Prompt plus completion tokens. */
    TOTAL_TOKENS,
    /** Cost in integer micro-units of the price table's currency. */
    COST_MICROS,
    /** Model calls that completed (rounds). */
    ROUNDS,
    /** Tool runs started. */
    TOOL_CALLS,
    /** Wall time since the turn started, from input instants. */
    WALL_TIME_MILLIS
}
