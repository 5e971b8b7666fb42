package dev.turnstile.codec;

import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.ToolSlot;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;

/** {@link Phase}s and the {@link ToolSlot}s of a tool batch. */
final class PhaseJson {

    private PhaseJson() {}

    static void writePhase(JsonOut out, Phase phase) {
        switch (phase) {
            case Phase.AwaitingUser p -> out.startObject("awaiting_user");
            case Phase.AwaitingBudgetGuard p -> {
                out.startObject("awaiting_budget_guard");
                out.effectId("check_id", p.checkId());
                out.instant("deadline", p.deadline());
                out.int32("attempt", p.attempt());
            }
            case Phase.AwaitingModel p -> {
                out.startObject("awaiting_model");
                out.effectId("call_id", p.callId());
                out.instant("deadline", p.deadline());
                out.int32("attempt", p.attempt());
            }
            case Phase.BackingOff p -> {
                out.startObject("backing_off");
                out.instant("retry_at", p.retryAt());
                out.int32("next_attempt", p.nextAttempt());
            }
            case Phase.AwaitingTools p -> {
                out.startObject("awaiting_tools");
                out.array("slots", p.slots(), PhaseJson::writeSlot);
            }
            case Phase.AwaitingApproval p -> {
                out.startObject("awaiting_approval");
                out.array("slots", p.slots(), PhaseJson::writeSlot);
            }
        }
        out.endObject();
    }

    static Phase readPhase(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        JsonIn body = t.body();
        return switch (type) {
            case "awaiting_user" -> {
                body.noFields();
                yield new Phase.AwaitingUser();
            }
            case "awaiting_budget_guard" -> awaitingBudgetGuard(body);
            case "awaiting_model" -> awaitingModel(body);
            case "backing_off" -> backingOff(body);
            case "awaiting_tools" -> new Phase.AwaitingTools(slots(body));
            case "awaiting_approval" -> new Phase.AwaitingApproval(slots(body));
            default -> throw t.tag().unknownType(type);
        };
    }

    private static Phase.AwaitingBudgetGuard awaitingBudgetGuard(JsonIn in) {
        EffectId checkId = null;
        Instant deadline = null;
        Integer attempt = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "check_id" -> checkId = in.effectId();
                case "deadline" -> deadline = in.instant();
                case "attempt" -> attempt = in.int32();
                default -> in.skip();
            }
        }
        return new Phase.AwaitingBudgetGuard(in.required(checkId, "check_id"), in.required(deadline, "deadline"),
                in.required(attempt, "attempt"));
    }

    private static Phase.AwaitingModel awaitingModel(JsonIn in) {
        EffectId callId = null;
        Instant deadline = null;
        Integer attempt = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "call_id" -> callId = in.effectId();
                case "deadline" -> deadline = in.instant();
                case "attempt" -> attempt = in.int32();
                default -> in.skip();
            }
        }
        return new Phase.AwaitingModel(in.required(callId, "call_id"), in.required(deadline, "deadline"),
                in.required(attempt, "attempt"));
    }

    private static Phase.BackingOff backingOff(JsonIn in) {
        Instant retryAt = null;
        Integer nextAttempt = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "retry_at" -> retryAt = in.instant();
                case "next_attempt" -> nextAttempt = in.int32();
                default -> in.skip();
            }
        }
        return new Phase.BackingOff(in.required(retryAt, "retry_at"), in.required(nextAttempt, "next_attempt"));
    }

    private static Vector<ToolSlot> slots(JsonIn in) {
        Vector<ToolSlot> slots = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "slots" -> slots = in.vector(PhaseJson::readSlot);
                default -> in.skip();
            }
        }
        return in.required(slots, "slots");
    }

    static void writeSlot(JsonOut out, ToolSlot slot) {
        out.startObject();
        out.int32("index", slot.index());
        out.object("call", slot.call(), ModelJson::writeToolCall);
        out.string("idempotency_key", slot.idempotencyKey());
        out.object("state", slot.state(), PhaseJson::writeSlotState);
        out.endObject();
    }

    static ToolSlot readSlot(JsonIn in) {
        in.startObject();
        Integer index = null;
        ToolCall call = null;
        String idempotencyKey = null;
        ToolSlot.State state = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "index" -> index = in.int32();
                case "call" -> call = ModelJson.readToolCall(in);
                case "idempotency_key" -> idempotencyKey = in.string();
                case "state" -> state = readSlotState(in);
                default -> in.skip();
            }
        }
        return new ToolSlot(in.required(index, "index"), in.required(call, "call"),
                in.required(idempotencyKey, "idempotency_key"), in.required(state, "state"));
    }

    static void writeSlotState(JsonOut out, ToolSlot.State state) {
        switch (state) {
            case ToolSlot.Queued s -> out.startObject("queued");
            case ToolSlot.CheckingBudget s -> {
                out.startObject("checking_budget");
                out.effectId("check_id", s.checkId());
                out.instant("deadline", s.deadline());
            }
            case ToolSlot.AwaitingDecision s -> {
                out.startObject("awaiting_decision");
                out.string("approval_id", s.approvalId());
                out.option("expires_at", s.expiresAt(), JsonOut::instantValue);
            }
            case ToolSlot.Running s -> {
                out.startObject("running");
                out.effectId("run_id", s.runId());
                out.instant("deadline", s.deadline());
            }
            case ToolSlot.Answered s -> {
                out.startObject("answered");
                out.object("result", s.result(), ModelJson::writeToolResultMessage);
            }
        }
        out.endObject();
    }

    static ToolSlot.State readSlotState(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        JsonIn body = t.body();
        return switch (type) {
            case "queued" -> {
                body.noFields();
                yield new ToolSlot.Queued();
            }
            case "checking_budget" -> checkingBudget(body);
            case "awaiting_decision" -> awaitingDecision(body);
            case "running" -> running(body);
            case "answered" -> answered(body);
            default -> throw t.tag().unknownType(type);
        };
    }

    private static ToolSlot.CheckingBudget checkingBudget(JsonIn in) {
        EffectId checkId = null;
        Instant deadline = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "check_id" -> checkId = in.effectId();
                case "deadline" -> deadline = in.instant();
                default -> in.skip();
            }
        }
        return new ToolSlot.CheckingBudget(in.required(checkId, "check_id"), in.required(deadline, "deadline"));
    }

    private static ToolSlot.AwaitingDecision awaitingDecision(JsonIn in) {
        String approvalId = null;
        Option<Instant> expiresAt = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "approval_id" -> approvalId = in.string();
                case "expires_at" -> expiresAt = in.option(JsonIn::instant);
                default -> in.skip();
            }
        }
        return new ToolSlot.AwaitingDecision(in.required(approvalId, "approval_id"), expiresAt);
    }

    private static ToolSlot.Running running(JsonIn in) {
        EffectId runId = null;
        Instant deadline = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "run_id" -> runId = in.effectId();
                case "deadline" -> deadline = in.instant();
                default -> in.skip();
            }
        }
        return new ToolSlot.Running(in.required(runId, "run_id"), in.required(deadline, "deadline"));
    }

    private static ToolSlot.Answered answered(JsonIn in) {
        ToolResultMessage result = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "result" -> result = ModelJson.readToolResultMessage(in);
                default -> in.skip();
            }
        }
        return new ToolSlot.Answered(in.required(result, "result"));
    }
}
