package dev.turnstile.machine;

import dev.turnstile.model.Usage;
import io.vavr.collection.TreeSet;
import java.util.Objects;

/**
 * Consumption counted for one budget scope (a turn or the whole session). Never reset by retries
 * or recovery: it only grows while its scope lives.
 *
 * @param usage tokens reported by model replies
 * @param costMicros cost of those tokens from the price table, in micro-units
 * @param rounds model calls that completed
 * @param toolRuns tool runs started
 * @param thresholdsHit resources whose soft threshold was already reported, so it is reported once
 */
public record Meter(Usage usage, long costMicros, int rounds, int toolRuns, TreeSet<BudgetResource> thresholdsHit) {

    /** Nothing consumed. */
    public static final Meter EMPTY = new Meter(Usage.ZERO, 0, 0, 0, TreeSet.empty());

    /** Validates fields. */
    public Meter {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(thresholdsHit, "thresholdsHit");
        if (costMicros < 0 || rounds < 0 || toolRuns < 0) {
            throw new IllegalArgumentException("meter counts must not be negative");
        }
    }

    /** After a completed model call. */
    public Meter plusRound(Usage replyUsage, long replyCostMicros) {
        return new Meter(usage.plus(replyUsage), costMicros + replyCostMicros, rounds + 1, toolRuns, thresholdsHit);
    }

    /** After a tool run started. */
    public Meter plusToolRun() {
        return new Meter(usage, costMicros, rounds, toolRuns + 1, thresholdsHit);
    }

    /** After the soft threshold of {@code resource} was reported. */
    public Meter withThresholdHit(BudgetResource resource) {
        return new Meter(usage, costMicros, rounds, toolRuns, thresholdsHit.add(resource));
    }

    /** The amount used of a resource; wall time is not metered here (it comes from the turn's start). */
    public long used(BudgetResource resource) {
        return switch (resource) {
            case INPUT_TOKENS -> usage.inputTokens();
            case OUTPUT_TOKENS -> usage.outputTokens();
            case TOTAL_TOKENS -> usage.totalTokens();
            case COST_MICROS -> costMicros;
            case ROUNDS -> rounds;
            case TOOL_CALLS -> toolRuns;
            case WALL_TIME_MILLIS -> 0;
        };
    }
}
