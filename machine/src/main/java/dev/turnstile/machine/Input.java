package dev.turnstile.machine;

import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ModelReply;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A fact that happened, fed to {@link TurnMachine#step}. Every input carries the instant the
 * adapter's clock stamped it with; the machine keeps {@code now = max(now, at)}, so a clock that
 * steps backwards never moves the machine's time backwards.
 *
 * <p>Inputs are journaled before they are stepped, so they are the complete record of a session.
 */
public sealed interface Input {

    /** When the adapter observed this fact. */
    Instant at();

    /**
     * The user sent a message.
     *
     * @param text the message
     * @param delivery what to do when a turn is already running
     * @param idempotencyKey a caller key; a second message with a key already seen is rejected
     */
    record UserMessageReceived(Instant at, String text, Delivery delivery, Option<String> idempotencyKey)
            implements Input {
        /** Validates fields. */
        public UserMessageReceived {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }

        /** A message delivered at the next round boundary, without an idempotency key. */
        public static UserMessageReceived of(Instant at, String text) {
            return new UserMessageReceived(at, text, Delivery.NEXT_BOUNDARY, Option.none());
        }
    }

    /** The model answered the call {@code effectId}. */
    record ModelReplied(Instant at, EffectId effectId, ModelReply reply) implements Input {
        /** Validates fields. */
        public ModelReplied {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * The model call {@code effectId} failed.
     *
     * @param kind decides between retry and stop
     * @param retryAfterMillis the server's retry-after, if it gave one
     * @param message a human-readable description (never containing secrets)
     * @param partialText text streamed before the failure; shown to observers, never committed
     */
    record ModelFailed(Instant at, EffectId effectId, FailureKind kind, Option<Long> retryAfterMillis,
            String message, String partialText) implements Input {
        /** Validates fields. */
        public ModelFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(retryAfterMillis, "retryAfterMillis");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(partialText, "partialText");
        }
    }

    /** The tool run {@code effectId} finished with {@code output}. */
    record ToolSucceeded(Instant at, EffectId effectId, String output) implements Input {
        /** Validates fields. */
        public ToolSucceeded {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(output, "output");
        }
    }

    /** The tool run {@code effectId} failed. */
    record ToolFailed(Instant at, EffectId effectId, ToolErrorKind kind, String message) implements Input {
        /** Validates fields. */
        public ToolFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A human decided on an approval request.
     *
     * @param approvalId the {@link Effect.RequestApproval#approvalId()} decided
     * @param reason why (reaches the model on denial)
     * @param principal who decided (recorded on the event and in the transcript metadata)
     * @param editedArgumentsJson arguments the human changed; what runs, and what the model sees
     */
    record ApprovalDecided(Instant at, String approvalId, Decision decision, String reason, String principal,
            Option<String> editedArgumentsJson) implements Input {
        /** Validates fields. */
        public ApprovalDecided {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(editedArgumentsJson, "editedArgumentsJson");
        }
    }

    /** The host budget guard answered the check {@code effectId}. */
    record BudgetChecked(Instant at, EffectId effectId, BudgetVerdict verdict, String reason) implements Input {
        /** Validates fields. */
        public BudgetChecked {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Someone asked to cancel the running turn. Cancel while idle is a no-op, reported as an event. */
    record CancelRequested(Instant at, String reason) implements Input {
        /** Validates fields. */
        public CancelRequested {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The adapter's wake timer fired (or the adapter just wants time to move). */
    record TimeAdvanced(Instant at) implements Input {
        /** Validates fields. */
        public TimeAdvanced {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The session was recovered after a crash: every effect in flight before it is gone. Sent once,
     * after the journal tail has been replayed. Model calls are re-issued, idempotent tools re-run
     * with the same idempotency key, other in-flight tools answered {@code interrupted: outcome
     * unknown}, pending approvals re-requested.
     */
    record Recovered(Instant at) implements Input {
        /** Validates fields. */
        public Recovered {
            Objects.requireNonNull(at, "at");
        }
    }
}
