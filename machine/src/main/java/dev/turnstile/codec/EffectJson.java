package dev.turnstile.codec;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.SessionState;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import io.vavr.control.Option;
import java.time.Instant;

/** {@link Effect}s, the commands a step returns. */
final class EffectJson {

    private EffectJson() {}

    static void write(JsonOut out, Effect effect) {
        switch (effect) {
            case Effect.CallModel e -> {
                out.startObject("call_model");
                out.effectId("id", e.id());
                out.object("request", e.request(), ModelJson::writeModelRequest);
                out.instant("deadline", e.deadline());
                out.int32("attempt", e.attempt());
                out.object("labels", e.labels(), StateJson::writeLabels);
            }
            case Effect.RunTool e -> {
                out.startObject("run_tool");
                out.effectId("id", e.id());
                out.object("call", e.call(), ModelJson::writeToolCall);
                out.string("idempotency_key", e.idempotencyKey());
                out.instant("deadline", e.deadline());
                out.object("labels", e.labels(), StateJson::writeLabels);
            }
            case Effect.Abandon e -> {
                out.startObject("abandon");
                out.effectId("id", e.id());
                out.string("reason", e.reason());
            }
            case Effect.RequestApproval e -> {
                out.startObject("request_approval");
                out.string("approval_id", e.approvalId());
                out.object("call", e.call(), ModelJson::writeToolCall);
                out.string("why", e.why());
                out.option("expires_at", e.expiresAt(), JsonOut::instantValue);
                out.object("labels", e.labels(), StateJson::writeLabels);
            }
            case Effect.CheckBudget e -> {
                out.startObject("check_budget");
                out.effectId("id", e.id());
                out.string("subject", e.subject());
                out.object("estimate", e.estimate(), ModelJson::writeUsage);
                out.int64("estimated_cost_micros", e.estimatedCostMicros());
                out.instant("deadline", e.deadline());
                out.object("labels", e.labels(), StateJson::writeLabels);
            }
            case Effect.SaveCheckpoint e -> {
                out.startObject("save_checkpoint");
                out.object("snapshot", e.snapshot(), StateJson::writeSessionState);
            }
            case Effect.Emit e -> {
                out.startObject("emit");
                out.object("event", e.event(), EventJson::write);
            }
        }
        out.endObject();
    }

    static Effect read(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        JsonIn body = t.body();
        return switch (type) {
            case "call_model" -> callModel(body);
            case "run_tool" -> runTool(body);
            case "abandon" -> abandon(body);
            case "request_approval" -> requestApproval(body);
            case "check_budget" -> checkBudget(body);
            case "save_checkpoint" -> saveCheckpoint(body);
            case "emit" -> emit(body);
            default -> throw t.tag().unknownType(type);
        };
    }

    private static Effect.CallModel callModel(JsonIn in) {
        EffectId id = null;
        ModelRequest request = null;
        Instant deadline = null;
        Integer attempt = null;
        Labels labels = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "id" -> id = in.effectId();
                case "request" -> request = ModelJson.readModelRequest(in);
                case "deadline" -> deadline = in.instant();
                case "attempt" -> attempt = in.int32();
                case "labels" -> labels = StateJson.readLabels(in);
                default -> in.skip();
            }
        }
        return new Effect.CallModel(in.required(id, "id"), in.required(request, "request"),
                in.required(deadline, "deadline"), in.required(attempt, "attempt"), in.required(labels, "labels"));
    }

    private static Effect.RunTool runTool(JsonIn in) {
        EffectId id = null;
        ToolCall call = null;
        String idempotencyKey = null;
        Instant deadline = null;
        Labels labels = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "id" -> id = in.effectId();
                case "call" -> call = ModelJson.readToolCall(in);
                case "idempotency_key" -> idempotencyKey = in.string();
                case "deadline" -> deadline = in.instant();
                case "labels" -> labels = StateJson.readLabels(in);
                default -> in.skip();
            }
        }
        return new Effect.RunTool(in.required(id, "id"), in.required(call, "call"),
                in.required(idempotencyKey, "idempotency_key"), in.required(deadline, "deadline"),
                in.required(labels, "labels"));
    }

    private static Effect.Abandon abandon(JsonIn in) {
        EffectId id = null;
        String reason = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "id" -> id = in.effectId();
                case "reason" -> reason = in.string();
                default -> in.skip();
            }
        }
        return new Effect.Abandon(in.required(id, "id"), in.required(reason, "reason"));
    }

    private static Effect.RequestApproval requestApproval(JsonIn in) {
        String approvalId = null;
        ToolCall call = null;
        String why = null;
        Option<Instant> expiresAt = Option.none();
        Labels labels = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "approval_id" -> approvalId = in.string();
                case "call" -> call = ModelJson.readToolCall(in);
                case "why" -> why = in.string();
                case "expires_at" -> expiresAt = in.option(JsonIn::instant);
                case "labels" -> labels = StateJson.readLabels(in);
                default -> in.skip();
            }
        }
        return new Effect.RequestApproval(in.required(approvalId, "approval_id"), in.required(call, "call"),
                in.required(why, "why"), expiresAt, in.required(labels, "labels"));
    }

    private static Effect.CheckBudget checkBudget(JsonIn in) {
        EffectId id = null;
        String subject = null;
        Usage estimate = null;
        Long estimatedCostMicros = null;
        Instant deadline = null;
        Labels labels = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "id" -> id = in.effectId();
                case "subject" -> subject = in.string();
                case "estimate" -> estimate = ModelJson.readUsage(in);
                case "estimated_cost_micros" -> estimatedCostMicros = in.int64();
                case "deadline" -> deadline = in.instant();
                case "labels" -> labels = StateJson.readLabels(in);
                default -> in.skip();
            }
        }
        return new Effect.CheckBudget(in.required(id, "id"), in.required(subject, "subject"),
                in.required(estimate, "estimate"), in.required(estimatedCostMicros, "estimated_cost_micros"),
                in.required(deadline, "deadline"), in.required(labels, "labels"));
    }

    private static Effect.SaveCheckpoint saveCheckpoint(JsonIn in) {
        SessionState snapshot = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "snapshot" -> snapshot = StateJson.readSessionState(in);
                default -> in.skip();
            }
        }
        return new Effect.SaveCheckpoint(in.required(snapshot, "snapshot"));
    }

    private static Effect.Emit emit(JsonIn in) {
        Event event = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "event" -> event = EventJson.read(in);
                default -> in.skip();
            }
        }
        return new Effect.Emit(in.required(event, "event"));
    }
}
