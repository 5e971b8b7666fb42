package dev.turnstile.conformance.tck;

import dev.turnstile.host.BudgetGuard;
import dev.turnstile.host.ModelClient;
import dev.turnstile.host.Tool;
import dev.turnstile.host.store.CheckpointStore;
import dev.turnstile.host.store.InMemoryJournal;
import dev.turnstile.host.store.Journal;
import dev.turnstile.machine.Effect;
import io.vavr.control.Option;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Everything a scenario hands an adapter to build a runtime from: the world (model, tools, clock),
 * the store, and the host hooks. Built with {@link #of} and the {@code with…} methods.
 *
 * @param model the model client
 * @param tools the tools to register
 * @param clock stamps inputs and measures wake-ups
 * @param journal the journal store (the runtime closes it)
 * @param checkpoints the checkpoint store
 * @param budgetGuard the host budget guard, if any
 * @param approvalListener told when an approval is requested
 */
public record RuntimeParts(ModelClient model, List<Tool> tools, InstantSource clock, Journal journal,
        CheckpointStore checkpoints, Option<BudgetGuard> budgetGuard,
        BiConsumer<String, Effect.RequestApproval> approvalListener) {
    /** Validates fields. */
    public RuntimeParts {
        Objects.requireNonNull(model, "model");
        tools = List.copyOf(tools);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(budgetGuard, "budgetGuard");
        Objects.requireNonNull(approvalListener, "approvalListener");
    }

    /** A model and tools, the system clock, a fresh in-memory store, no guard, no approval listener. */
    public static RuntimeParts of(ModelClient model, Tool... tools) {
        InMemoryJournal journal = new InMemoryJournal();
        return new RuntimeParts(model, List.of(tools), InstantSource.system(), journal, journal.checkpoints(),
                Option.none(), (sessionId, request) -> { });
    }

    /** With another clock. */
    public RuntimeParts withClock(InstantSource value) {
        return new RuntimeParts(model, tools, value, journal, checkpoints, budgetGuard, approvalListener);
    }

    /** With another store. */
    public RuntimeParts withStore(Journal value, CheckpointStore checkpointStore) {
        return new RuntimeParts(model, tools, clock, value, checkpointStore, budgetGuard, approvalListener);
    }

    /** With other tools. */
    public RuntimeParts withTools(Tool... values) {
        return new RuntimeParts(model, List.of(values), clock, journal, checkpoints, budgetGuard, approvalListener);
    }

    /** With a budget guard. */
    public RuntimeParts withBudgetGuard(BudgetGuard value) {
        return new RuntimeParts(model, tools, clock, journal, checkpoints, Option.some(value), approvalListener);
    }

    /** With an approval listener. */
    public RuntimeParts withApprovalListener(BiConsumer<String, Effect.RequestApproval> value) {
        return new RuntimeParts(model, tools, clock, journal, checkpoints, budgetGuard, value);
    }
}
