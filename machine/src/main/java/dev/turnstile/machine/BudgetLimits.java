package dev.turnstile.machine;

import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Objects;

/** Hard limits per resource for one scope; a resource without an entry is unlimited. */
public record BudgetLimits(TreeMap<BudgetResource, Long> limits) {

    /** No limits. */
    public static final BudgetLimits NONE = new BudgetLimits(TreeMap.empty());

    /** Validates that limits are positive. */
    public BudgetLimits {
        Objects.requireNonNull(limits, "limits");
        limits.forEach((resource, limit) -> {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit for " + resource + " must be positive, got " + limit);
            }
        });
    }

    /** These limits plus one more. */
    public BudgetLimits with(BudgetResource resource, long limit) {
        return new BudgetLimits(limits.put(resource, limit));
    }

    /** The limit for a resource, if any. */
    public Option<Long> limit(BudgetResource resource) {
        return limits.get(resource);
    }
}
