package dev.turnstile.machine;

import dev.turnstile.model.FailureKind;
import java.util.Objects;

/** Why a turn stopped without completing. */
public sealed interface StopReason {

    /** A {@link Input.CancelRequested} ended the turn. */
    record Cancelled(String reason) implements StopReason {
        /** Validates fields. */
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The model still asked for tools after the grace round at the round limit. */
    record MaxRounds(int rounds) implements StopReason {}

    /** A hard budget limit would have been crossed by the next model call or tool run. */
    record BudgetExhausted(BudgetResource resource, BudgetScope scope, long used, long limit, String detail)
            implements StopReason {
        /** Validates fields. */
        public BudgetExhausted {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The host budget guard denied a model call or tool run, or did not answer in time. */
    record GuardDenied(String subject, String reason, boolean timedOut) implements StopReason {
        /** Validates fields. */
        public GuardDenied {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The model failed in a way retries did not or could not fix. */
    record ModelFailed(FailureKind kind, String message) implements StopReason {
        /** Validates fields. */
        public ModelFailed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The prompt no longer fits the model's context window. */
    record ContextOverflow(String message) implements StopReason {
        /** Validates fields. */
        public ContextOverflow {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A tool failed and the config says tool failures end the turn. */
    record ToolFailed(String toolName, String message) implements StopReason {
        /** Validates fields. */
        public ToolFailed {
            Objects.requireNonNull(toolName, "toolName");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The model hit its output token limit without asking for tools; its partial answer is kept. */
    record Incomplete(String partialText) implements StopReason {
        /** Validates fields. */
        public Incomplete {
            Objects.requireNonNull(partialText, "partialText");
        }
    }
}
