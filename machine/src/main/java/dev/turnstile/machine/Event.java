package dev.turnstile.machine;

import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.Usage;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * An observable notification, published through {@link Effect.Emit}. Events are derived from
 * inputs, so they are not journaled: replay regenerates them.
 */
public sealed interface Event {

    /** Session, turn, time and labels. */
    EventContext context();

    /** A user message started a turn. */
    record TurnStarted(EventContext context, String userText) implements Event {
        /** Validates fields. */
        public TurnStarted {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(userText, "userText");
        }
    }

    /** A user message arrived during a turn and waits for its delivery point. */
    record UserMessageQueued(EventContext context, Delivery delivery, int waitingMessages) implements Event {
        /** Validates fields. */
        public UserMessageQueued {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(delivery, "delivery");
        }
    }

    /** A model call was issued. */
    record ModelCallStarted(EventContext context, EffectId effectId, int round, int attempt) implements Event {
        /** Validates fields. */
        public ModelCallStarted {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(effectId, "effectId");
        }
    }

    /**
     * A model call failed or timed out and will be retried after {@code delayMillis}; observers
     * discard the partial output they saw for {@code failedCall}.
     */
    record RetryScheduled(EventContext context, EffectId failedCall, FailureKind kind, String message,
            int nextAttempt, long delayMillis) implements Event {
        /** Validates fields. */
        public RetryScheduled {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(failedCall, "failedCall");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A tool run was issued. */
    record ToolCallStarted(EventContext context, EffectId effectId, ToolCall call) implements Event {
        /** Validates fields. */
        public ToolCallStarted {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * A tool call got its answer, whether from the tool or synthesized by the machine (unknown tool,
     * invalid arguments, denied, timed out, cancelled, interrupted, over a limit).
     */
    record ToolCallFinished(EventContext context, Option<EffectId> effectId, ToolCall call, ToolResultMessage result)
            implements Event {
        /** Validates fields. */
        public ToolCallFinished {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(result, "result");
        }
    }

    /** A tool call waits for a human decision. */
    record ApprovalRequested(EventContext context, String approvalId, ToolCall call, String why) implements Event {
        /** Validates fields. */
        public ApprovalRequested {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * An approval was decided, expired, or answered by cancellation.
     *
     * @param expired true when the configured expiry ended the wait (the decision is then DENY)
     */
    record ApprovalResolved(EventContext context, String approvalId, Decision decision, String reason,
            String principal, boolean expired, Option<String> editedArgumentsJson) implements Event {
        /** Validates fields. */
        public ApprovalResolved {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(editedArgumentsJson, "editedArgumentsJson");
        }
    }

    /** A soft budget threshold was reached (once per resource and scope, per turn or per session). */
    record BudgetThresholdHit(EventContext context, BudgetResource resource, BudgetScope scope, long used, long limit)
            implements Event {
        /** Validates fields. */
        public BudgetThresholdHit {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * The budget guard answered {@code effectId} with a soft limit or a denial, or did not answer by
     * its deadline ({@code timedOut}, counted as deny: the guard fails closed).
     */
    record BudgetGuardAnswered(EventContext context, EffectId effectId, String subject, BudgetVerdict verdict,
            String reason, boolean timedOut) implements Event {
        /** Validates fields. */
        public BudgetGuardAnswered {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An input did not fit the state and was ignored; the state is unchanged. */
    record InputRejected(EventContext context, String inputType, String reason) implements Event {
        /** Validates fields. */
        public InputRejected {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(inputType, "inputType");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A cancel arrived while no turn was running: nothing to do, and not an error. */
    record CancelIgnored(EventContext context, String reason) implements Event {
        /** Validates fields. */
        public CancelIgnored {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The session resumed after a crash; counts say what was re-issued and what was interrupted. */
    record SessionRecovered(EventContext context, int modelCallsReissued, int toolRunsReissued,
            int toolRunsInterrupted, int approvalsPending) implements Event {
        /** Validates fields. */
        public SessionRecovered {
            Objects.requireNonNull(context, "context");
        }
    }

    /** A turn ended. */
    record TurnFinished(EventContext context, Outcome outcome, int rounds, Usage turnUsage, long turnCostMicros)
            implements Event {
        /** Validates fields. */
        public TurnFinished {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(turnUsage, "turnUsage");
        }
    }
}
