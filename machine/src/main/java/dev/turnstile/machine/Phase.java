package dev.turnstile.machine;

import io.vavr.collection.Vector;
import java.time.Instant;
import java.util.Objects;

/**
 * What a session waits for. Each phase carries only what is valid while waiting for it; a running
 * turn's counters live in {@link TurnProgress}.
 */
public sealed interface Phase {

    /** No turn is running; the next user message starts one. */
    record AwaitingUser() implements Phase {}

    /** Before a model call, waiting for the host budget guard's verdict. */
    record AwaitingBudgetGuard(EffectId checkId, Instant deadline, int attempt) implements Phase {
        /** Validates fields. */
        public AwaitingBudgetGuard {
            Objects.requireNonNull(checkId, "checkId");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** A model call is in flight. */
    record AwaitingModel(EffectId callId, Instant deadline, int attempt) implements Phase {
        /** Validates fields. */
        public AwaitingModel {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** A model call failed; the next attempt starts at {@code retryAt}. */
    record BackingOff(Instant retryAt, int nextAttempt) implements Phase {
        /** Validates fields. */
        public BackingOff {
            Objects.requireNonNull(retryAt, "retryAt");
        }
    }

    /**
     * The model asked for tools; at least one slot runs, waits for the budget guard or for a
     * concurrency slot. Slots are in the model's call order.
     */
    record AwaitingTools(Vector<ToolSlot> slots) implements Phase {
        /** Validates fields. */
        public AwaitingTools {
            Objects.requireNonNull(slots, "slots");
        }
    }

    /** Every unanswered tool call of the batch waits for a human decision, and nothing else runs. */
    record AwaitingApproval(Vector<ToolSlot> slots) implements Phase {
        /** Validates fields. */
        public AwaitingApproval {
            Objects.requireNonNull(slots, "slots");
        }
    }
}
