package dev.turnstile.codec;

import dev.turnstile.machine.Event;
import dev.turnstile.machine.EventContext;
import dev.turnstile.machine.Labels;
import java.time.Instant;

/** {@link Event}s, the notifications observers see. */
final class EventJson {

    private EventJson() {}

    static void write(JsonOut out, Event event) {
        switch (event) {
            case Event.TurnStarted e -> {
                start(out, "turn_started", e);
                out.string("user_text", e.userText());
            }
            case Event.UserMessageQueued e -> {
                start(out, "user_message_queued", e);
                out.enumeration("delivery", Enums.DELIVERY, e.delivery());
                out.int32("waiting_messages", e.waitingMessages());
            }
            case Event.ModelCallStarted e -> {
                start(out, "model_call_started", e);
                out.effectId("effect_id", e.effectId());
                out.int32("round", e.round());
                out.int32("attempt", e.attempt());
            }
            case Event.RetryScheduled e -> {
                start(out, "retry_scheduled", e);
                out.effectId("failed_call", e.failedCall());
                out.enumeration("kind", Enums.FAILURE_KIND, e.kind());
                out.string("message", e.message());
                out.int32("next_attempt", e.nextAttempt());
                out.int64("delay_millis", e.delayMillis());
            }
            case Event.ToolCallStarted e -> {
                start(out, "tool_call_started", e);
                out.effectId("effect_id", e.effectId());
                out.object("call", e.call(), ModelJson::writeToolCall);
            }
            case Event.ToolCallFinished e -> {
                start(out, "tool_call_finished", e);
                out.option("effect_id", e.effectId(), JsonOut::effectIdValue);
                out.object("call", e.call(), ModelJson::writeToolCall);
                out.object("result", e.result(), ModelJson::writeToolResultMessage);
            }
            case Event.ApprovalRequested e -> {
                start(out, "approval_requested", e);
                out.string("approval_id", e.approvalId());
                out.object("call", e.call(), ModelJson::writeToolCall);
                out.string("why", e.why());
            }
            case Event.ApprovalResolved e -> {
                start(out, "approval_resolved", e);
                out.string("approval_id", e.approvalId());
                out.enumeration("decision", Enums.DECISION, e.decision());
                out.string("reason", e.reason());
                out.string("principal", e.principal());
                out.bool("expired", e.expired());
                out.option("edited_arguments_json", e.editedArgumentsJson(), JsonOut::stringValue);
            }
            case Event.BudgetThresholdHit e -> {
                start(out, "budget_threshold_hit", e);
                out.enumeration("resource", Enums.BUDGET_RESOURCE, e.resource());
                out.enumeration("scope", Enums.BUDGET_SCOPE, e.scope());
                out.int64("used", e.used());
                out.int64("limit", e.limit());
            }
            case Event.BudgetGuardAnswered e -> {
                start(out, "budget_guard_answered", e);
                out.effectId("effect_id", e.effectId());
                out.string("subject", e.subject());
                out.enumeration("verdict", Enums.BUDGET_VERDICT, e.verdict());
                out.string("reason", e.reason());
                out.bool("timed_out", e.timedOut());
            }
            case Event.InputRejected e -> {
                start(out, "input_rejected", e);
                out.string("input_type", e.inputType());
                out.string("reason", e.reason());
            }
            case Event.CancelIgnored e -> {
                start(out, "cancel_ignored", e);
                out.string("reason", e.reason());
            }
            case Event.SessionRecovered e -> {
                start(out, "session_recovered", e);
                out.int32("model_calls_reissued", e.modelCallsReissued());
                out.int32("tool_runs_reissued", e.toolRunsReissued());
                out.int32("tool_runs_interrupted", e.toolRunsInterrupted());
                out.int32("approvals_pending", e.approvalsPending());
            }
            case Event.TurnFinished e -> {
                start(out, "turn_finished", e);
                out.object("outcome", e.outcome(), OutcomeJson::writeOutcome);
                out.int32("rounds", e.rounds());
                out.object("turn_usage", e.turnUsage(), ModelJson::writeUsage);
                out.int64("turn_cost_micros", e.turnCostMicros());
            }
        }
        out.endObject();
    }

    private static void start(JsonOut out, String type, Event event) {
        out.startObject(type);
        out.object("context", event.context(), EventJson::writeContext);
    }

    static Event read(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        JsonIn body = t.body();
        return switch (type) {
            case "turn_started" -> EventBodies.turnStarted(body);
            case "user_message_queued" -> EventBodies.userMessageQueued(body);
            case "model_call_started" -> EventBodies.modelCallStarted(body);
            case "retry_scheduled" -> EventBodies.retryScheduled(body);
            case "tool_call_started" -> EventBodies.toolCallStarted(body);
            case "tool_call_finished" -> EventBodies.toolCallFinished(body);
            case "approval_requested" -> EventBodies.approvalRequested(body);
            case "approval_resolved" -> EventBodies.approvalResolved(body);
            case "budget_threshold_hit" -> EventBodies.budgetThresholdHit(body);
            case "budget_guard_answered" -> EventBodies.budgetGuardAnswered(body);
            case "input_rejected" -> EventBodies.inputRejected(body);
            case "cancel_ignored" -> EventBodies.cancelIgnored(body);
            case "session_recovered" -> EventBodies.sessionRecovered(body);
            case "turn_finished" -> EventBodies.turnFinished(body);
            default -> throw t.tag().unknownType(type);
        };
    }

    static void writeContext(JsonOut out, EventContext c) {
        out.startObject();
        out.string("session_id", c.sessionId());
        out.int32("turn", c.turn());
        out.instant("at", c.at());
        out.object("labels", c.labels(), StateJson::writeLabels);
        out.endObject();
    }

    static EventContext readContext(JsonIn in) {
        in.startObject();
        String sessionId = null;
        Integer turn = null;
        Instant at = null;
        Labels labels = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "session_id" -> sessionId = in.string();
                case "turn" -> turn = in.int32();
                case "at" -> at = in.instant();
                case "labels" -> labels = StateJson.readLabels(in);
                default -> in.skip();
            }
        }
        return new EventContext(in.required(sessionId, "session_id"), in.required(turn, "turn"),
                in.required(at, "at"), in.required(labels, "labels"));
    }
}
