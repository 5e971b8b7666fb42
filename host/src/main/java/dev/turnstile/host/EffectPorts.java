package dev.turnstile.host;

import dev.turnstile.machine.Effect;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Where a session's effects go: the model client, the tools by name, the optional budget guard, and
 * an optional listener told when an approval is requested (decisions come back through
 * {@link Session#decide}).
 */
public record EffectPorts(ModelClient model, TreeMap<String, Tool> tools, Option<BudgetGuard> budgetGuard,
        BiConsumer<String, Effect.RequestApproval> approvalListener) {
    /** Validates fields. */
    public EffectPorts {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(budgetGuard, "budgetGuard");
        Objects.requireNonNull(approvalListener, "approvalListener");
    }
}
