package dev.turnstile.codec;

import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.BudgetScope;
import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.EventContext;
import dev.turnstile.machine.Outcome;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.Usage;
import io.vavr.control.Option;

/** Readers for the fields of each {@link Event} type, after {@link EventJson#read} has read its tag. */
final class EventBodies {

    private EventBodies() {}

    static Event.TurnStarted turnStarted(JsonIn in) {
        EventContext context = null;
        String userText = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "user_text" -> userText = in.string();
                default -> in.skip();
            }
        }
        return new Event.TurnStarted(in.required(context, "context"), in.required(userText, "user_text"));
    }

    static Event.UserMessageQueued userMessageQueued(JsonIn in) {
        EventContext context = null;
        Delivery delivery = null;
        Integer waitingMessages = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "delivery" -> delivery = in.enumeration(Enums.DELIVERY);
                case "waiting_messages" -> waitingMessages = in.int32();
                default -> in.skip();
            }
        }
        return new Event.UserMessageQueued(in.required(context, "context"), in.required(delivery, "delivery"),
                in.required(waitingMessages, "waiting_messages"));
    }

    static Event.ModelCallStarted modelCallStarted(JsonIn in) {
        EventContext context = null;
        EffectId effectId = null;
        Integer round = null;
        Integer attempt = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "effect_id" -> effectId = in.effectId();
                case "round" -> round = in.int32();
                case "attempt" -> attempt = in.int32();
                default -> in.skip();
            }
        }
        return new Event.ModelCallStarted(in.required(context, "context"), in.required(effectId, "effect_id"),
                in.required(round, "round"), in.required(attempt, "attempt"));
    }

    static Event.RetryScheduled retryScheduled(JsonIn in) {
        EventContext context = null;
        EffectId failedCall = null;
        FailureKind kind = null;
        String message = null;
        Integer nextAttempt = null;
        Long delayMillis = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "failed_call" -> failedCall = in.effectId();
                case "kind" -> kind = in.enumeration(Enums.FAILURE_KIND);
                case "message" -> message = in.string();
                case "next_attempt" -> nextAttempt = in.int32();
                case "delay_millis" -> delayMillis = in.int64();
                default -> in.skip();
            }
        }
        return new Event.RetryScheduled(in.required(context, "context"), in.required(failedCall, "failed_call"),
                in.required(kind, "kind"), in.required(message, "message"), in.required(nextAttempt, "next_attempt"),
                in.required(delayMillis, "delay_millis"));
    }

    static Event.ToolCallStarted toolCallStarted(JsonIn in) {
        EventContext context = null;
        EffectId effectId = null;
        ToolCall call = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "effect_id" -> effectId = in.effectId();
                case "call" -> call = ModelJson.readToolCall(in);
                default -> in.skip();
            }
        }
        return new Event.ToolCallStarted(in.required(context, "context"), in.required(effectId, "effect_id"),
                in.required(call, "call"));
    }

    static Event.ToolCallFinished toolCallFinished(JsonIn in) {
        EventContext context = null;
        Option<EffectId> effectId = Option.none();
        ToolCall call = null;
        ToolResultMessage result = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "effect_id" -> effectId = in.option(JsonIn::effectId);
                case "call" -> call = ModelJson.readToolCall(in);
                case "result" -> result = ModelJson.readToolResultMessage(in);
                default -> in.skip();
            }
        }
        return new Event.ToolCallFinished(in.required(context, "context"), effectId, in.required(call, "call"),
                in.required(result, "result"));
    }

    static Event.ApprovalRequested approvalRequested(JsonIn in) {
        EventContext context = null;
        String approvalId = null;
        ToolCall call = null;
        String why = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "approval_id" -> approvalId = in.string();
                case "call" -> call = ModelJson.readToolCall(in);
                case "why" -> why = in.string();
                default -> in.skip();
            }
        }
        return new Event.ApprovalRequested(in.required(context, "context"), in.required(approvalId, "approval_id"),
                in.required(call, "call"), in.required(why, "why"));
    }

    static Event.ApprovalResolved approvalResolved(JsonIn in) {
        EventContext context = null;
        String approvalId = null;
        Decision decision = null;
        String reason = null;
        String principal = null;
        Boolean expired = null;
        Option<String> editedArgumentsJson = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "approval_id" -> approvalId = in.string();
                case "decision" -> decision = in.enumeration(Enums.DECISION);
                case "reason" -> reason = in.string();
                case "principal" -> principal = in.string();
                case "expired" -> expired = in.bool();
                case "edited_arguments_json" -> editedArgumentsJson = in.option(JsonIn::string);
                default -> in.skip();
            }
        }
        return new Event.ApprovalResolved(in.required(context, "context"), in.required(approvalId, "approval_id"),
                in.required(decision, "decision"), in.required(reason, "reason"),
                in.required(principal, "principal"), in.required(expired, "expired"), editedArgumentsJson);
    }

    static Event.BudgetThresholdHit budgetThresholdHit(JsonIn in) {
        EventContext context = null;
        BudgetResource resource = null;
        BudgetScope scope = null;
        Long used = null;
        Long limit = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "resource" -> resource = in.enumeration(Enums.BUDGET_RESOURCE);
                case "scope" -> scope = in.enumeration(Enums.BUDGET_SCOPE);
                case "used" -> used = in.int64();
                case "limit" -> limit = in.int64();
                default -> in.skip();
            }
        }
        return new Event.BudgetThresholdHit(in.required(context, "context"), in.required(resource, "resource"),
                in.required(scope, "scope"), in.required(used, "used"), in.required(limit, "limit"));
    }

    static Event.BudgetGuardAnswered budgetGuardAnswered(JsonIn in) {
        EventContext context = null;
        EffectId effectId = null;
        String subject = null;
        BudgetVerdict verdict = null;
        String reason = null;
        Boolean timedOut = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "effect_id" -> effectId = in.effectId();
                case "subject" -> subject = in.string();
                case "verdict" -> verdict = in.enumeration(Enums.BUDGET_VERDICT);
                case "reason" -> reason = in.string();
                case "timed_out" -> timedOut = in.bool();
                default -> in.skip();
            }
        }
        return new Event.BudgetGuardAnswered(in.required(context, "context"), in.required(effectId, "effect_id"),
                in.required(subject, "subject"), in.required(verdict, "verdict"), in.required(reason, "reason"),
                in.required(timedOut, "timed_out"));
    }

    static Event.InputRejected inputRejected(JsonIn in) {
        EventContext context = null;
        String inputType = null;
        String reason = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "input_type" -> inputType = in.string();
                case "reason" -> reason = in.string();
                default -> in.skip();
            }
        }
        return new Event.InputRejected(in.required(context, "context"), in.required(inputType, "input_type"),
                in.required(reason, "reason"));
    }

    static Event.CancelIgnored cancelIgnored(JsonIn in) {
        EventContext context = null;
        String reason = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "reason" -> reason = in.string();
                default -> in.skip();
            }
        }
        return new Event.CancelIgnored(in.required(context, "context"), in.required(reason, "reason"));
    }

    static Event.SessionRecovered sessionRecovered(JsonIn in) {
        EventContext context = null;
        Integer modelCallsReissued = null;
        Integer toolRunsReissued = null;
        Integer toolRunsInterrupted = null;
        Integer approvalsPending = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "model_calls_reissued" -> modelCallsReissued = in.int32();
                case "tool_runs_reissued" -> toolRunsReissued = in.int32();
                case "tool_runs_interrupted" -> toolRunsInterrupted = in.int32();
                case "approvals_pending" -> approvalsPending = in.int32();
                default -> in.skip();
            }
        }
        return new Event.SessionRecovered(in.required(context, "context"),
                in.required(modelCallsReissued, "model_calls_reissued"),
                in.required(toolRunsReissued, "tool_runs_reissued"),
                in.required(toolRunsInterrupted, "tool_runs_interrupted"),
                in.required(approvalsPending, "approvals_pending"));
    }

    static Event.TurnFinished turnFinished(JsonIn in) {
        EventContext context = null;
        Outcome outcome = null;
        Integer rounds = null;
        Usage turnUsage = null;
        Long turnCostMicros = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "context" -> context = EventJson.readContext(in);
                case "outcome" -> outcome = OutcomeJson.readOutcome(in);
                case "rounds" -> rounds = in.int32();
                case "turn_usage" -> turnUsage = ModelJson.readUsage(in);
                case "turn_cost_micros" -> turnCostMicros = in.int64();
                default -> in.skip();
            }
        }
        return new Event.TurnFinished(in.required(context, "context"), in.required(outcome, "outcome"),
                in.required(rounds, "rounds"), in.required(turnUsage, "turn_usage"),
                in.required(turnCostMicros, "turn_cost_micros"));
    }
}
