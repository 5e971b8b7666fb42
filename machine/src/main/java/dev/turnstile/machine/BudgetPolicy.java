package dev.turnstile.machine;

import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Budgets: hard limits per turn and per session, a soft threshold, the price table, and the optional
 * host guard.
 *
 * <p><b>Estimate before a model call</b> (documented, conservative): the prompt is estimated as the
 * input tokens the provider reported for the previous call plus one token per 3 characters appended
 * since (system prompt, tool schemas and the whole transcript for the first call). Typical
 * tokenizers average about 4 characters per token on English and 3 on code, so the estimate errs
 * high. A hard limit on input, total tokens or cost stops the turn before a call whose estimate
 * would cross it; output tokens are unknown before the call, so an output limit stops the turn
 * once reached. After each reply, the reported usage replaces the estimate.
 *
 * @param turn limits that restart with each turn
 * @param session limits over the session's life
 * @param softThresholdPercent percent of a limit at which {@link Event.BudgetThresholdHit} fires once
 * @param prices price per model name; a model missing from the table costs nothing
 * @param guardDeadlineMillis when present, the host guard is asked before every model call and tool
 *     run, and must answer within this many milliseconds or the answer counts as deny
 */
public record BudgetPolicy(BudgetLimits turn, BudgetLimits session, int softThresholdPercent,
        TreeMap<String, Price> prices, Option<Long> guardDeadlineMillis) {

    /** No limits, no prices, no guard. */
    public static final BudgetPolicy UNLIMITED =
            new BudgetPolicy(BudgetLimits.NONE, BudgetLimits.NONE, 80, TreeMap.empty(), Option.none());

    /** Validates fields. */
    public BudgetPolicy {
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(guardDeadlineMillis, "guardDeadlineMillis");
        if (softThresholdPercent < 1 || softThresholdPercent > 100) {
            throw new IllegalArgumentException("softThresholdPercent must be within 1..100, got " + softThresholdPercent);
        }
        if (guardDeadlineMillis.exists(ms -> ms <= 0)) {
            throw new IllegalArgumentException("guardDeadlineMillis must be positive");
        }
        if (session.limit(BudgetResource.WALL_TIME_MILLIS).isDefined()) {
            throw new IllegalArgumentException("wall time is limited per turn only");
        }
    }

    /** The limits of a scope. */
    public BudgetLimits limits(BudgetScope scope) {
        return switch (scope) {
            case TURN -> turn;
            case SESSION -> session;
        };
    }

    /** Cost in micro-units of a call to {@code model}. */
    public long costMicros(String model, long inputTokens, long outputTokens) {
        return prices.get(model).map(p -> p.costMicros(inputTokens, outputTokens)).getOrElse(0L);
    }
}
