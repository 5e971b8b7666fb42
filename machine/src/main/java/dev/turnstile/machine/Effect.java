package dev.turnstile.machine;

import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A command for the adapter, returned by {@link TurnMachine#step}. The adapter executes each and
 * feeds the result back as an {@link Input} naming the same id. Effects are returned in the order
 * they should be started; none depends on another of the same step having finished.
 */
public sealed interface Effect {

    /**
     * Call the model.
     *
     * @param attempt 1 for the first attempt of a round, counting up on retries
     * @param deadline when the call is abandoned and retried by policy
     */
    record CallModel(EffectId id, ModelRequest request, Instant deadline, int attempt, Labels labels)
            implements Effect {
        /** Validates fields. */
        public CallModel {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * Run a tool. The arguments are valid JSON that passed the tool's schema.
     *
     * @param idempotencyKey {@code session:turn:round:index}; identical when an idempotent call is
     *     re-run after a crash, so the tool can deduplicate
     */
    record RunTool(EffectId id, ToolCall call, String idempotencyKey, Instant deadline, Labels labels)
            implements Effect {
        /** Validates fields. */
        public RunTool {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(labels, "labels");
        }
    }

    /** Stop in-flight work {@code id}, best effort; any later answer to it is rejected. */
    record Abandon(EffectId id, String reason) implements Effect {
        /** Validates fields. */
        public Abandon {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Ask a human whether {@code call} may run. The machine waits as long as it takes; timers never
     * decide. {@code expiresAt}, when configured, only ends the wait with a denial.
     */
    record RequestApproval(String approvalId, ToolCall call, String why, Option<Instant> expiresAt, Labels labels)
            implements Effect {
        /** Validates fields. */
        public RequestApproval {
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * Ask the host budget guard before a model call or a tool run. No answer by {@code deadline}
     * counts as deny (fail closed).
     *
     * @param subject {@code model:<name>} or {@code tool:<name>}
     * @param estimate the usage this step is expected to add (tokens for a model call, zero for a tool)
     * @param estimatedCostMicros the expected cost in micro-units
     */
    record CheckBudget(EffectId id, String subject, Usage estimate, long estimatedCostMicros, Instant deadline,
            Labels labels) implements Effect {
        /** Validates fields. */
        public CheckBudget {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(estimate, "estimate");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * Save a snapshot, taken at round boundaries and turn ends. Fire-and-forget: the journal is the
     * source of truth, a lost checkpoint only makes recovery replay more. The snapshot is the state
     * after the step that returned this effect, so its journal position is the sequence number of
     * that step's input, which the driver knows (the machine never sees journal positions).
     */
    record SaveCheckpoint(SessionState snapshot) implements Effect {
        /** Validates fields. */
        public SaveCheckpoint {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** Publish an event to observers. */
    record Emit(Event event) implements Effect {
        /** Validates fields. */
        public Emit {
            Objects.requireNonNull(event, "event");
        }
    }
}
