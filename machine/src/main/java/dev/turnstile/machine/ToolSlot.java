package dev.turnstile.machine;

import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One tool call of the current batch and where it stands.
 *
 * @param index position in the model's call order
 * @param call the call (after a human edit, the edited call)
 * @param idempotencyKey stable across re-runs after a crash
 */
public record ToolSlot(int index, ToolCall call, String idempotencyKey, State state) {

    /** Validates fields. */
    public ToolSlot {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(state, "state");
    }

    /** This slot in another state. */
    public ToolSlot with(State next) {
        return new ToolSlot(index, call, idempotencyKey, next);
    }

    /** Whether the call has its answer. */
    public boolean isAnswered() {
        return state instanceof Answered;
    }

    /** Where a tool call stands. */
    public sealed interface State {}

    /** Permitted, waiting for a free concurrency slot. */
    public record Queued() implements State {}

    /** Waiting for the budget guard before running. */
    public record CheckingBudget(EffectId checkId, Instant deadline) implements State {
        /** Validates fields. */
        public CheckingBudget {
            Objects.requireNonNull(checkId, "checkId");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** Waiting for a human decision; {@code expiresAt} only ever ends the wait with a denial. */
    public record AwaitingDecision(String approvalId, Option<Instant> expiresAt) implements State {
        /** Validates fields. */
        public AwaitingDecision {
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Running as effect {@code runId}. */
    public record Running(EffectId runId, Instant deadline) implements State {
        /** Validates fields. */
        public Running {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** Answered; the result goes into the transcript when the whole batch is answered. */
    public record Answered(ToolResultMessage result) implements State {
        /** Validates fields. */
        public Answered {
            Objects.requireNonNull(result, "result");
        }
    }
}
