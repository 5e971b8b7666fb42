package dev.turnstile.codec;

import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.ToolErrorKind;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ModelReply;
import io.vavr.control.Option;
import java.time.Instant;

/** {@link Input}s, the facts a journal records. */
final class InputJson {

    private InputJson() {}

    static void write(JsonOut out, Input input) {
        switch (input) {
            case Input.UserMessageReceived i -> {
                out.startObject("user_message_received");
                out.instant("at", i.at());
                out.string("text", i.text());
                out.enumeration("delivery", Enums.DELIVERY, i.delivery());
                out.option("idempotency_key", i.idempotencyKey(), JsonOut::stringValue);
            }
            case Input.ModelReplied i -> {
                out.startObject("model_replied");
                out.instant("at", i.at());
                out.effectId("effect_id", i.effectId());
                out.object("reply", i.reply(), ModelJson::writeModelReply);
            }
            case Input.ModelFailed i -> {
                out.startObject("model_failed");
                out.instant("at", i.at());
                out.effectId("effect_id", i.effectId());
                out.enumeration("kind", Enums.FAILURE_KIND, i.kind());
                out.option("retry_after_millis", i.retryAfterMillis(), JsonOut::int64Value);
                out.string("message", i.message());
                out.string("partial_text", i.partialText());
            }
            case Input.ToolSucceeded i -> {
                out.startObject("tool_succeeded");
                out.instant("at", i.at());
                out.effectId("effect_id", i.effectId());
                out.string("output", i.output());
            }
            case Input.ToolFailed i -> {
                out.startObject("tool_failed");
                out.instant("at", i.at());
                out.effectId("effect_id", i.effectId());
                out.enumeration("kind", Enums.TOOL_ERROR_KIND, i.kind());
                out.string("message", i.message());
            }
            case Input.ApprovalDecided i -> {
                out.startObject("approval_decided");
                out.instant("at", i.at());
                out.string("approval_id", i.approvalId());
                out.enumeration("decision", Enums.DECISION, i.decision());
                out.string("reason", i.reason());
                out.string("principal", i.principal());
                out.option("edited_arguments_json", i.editedArgumentsJson(), JsonOut::stringValue);
            }
            case Input.BudgetChecked i -> {
                out.startObject("budget_checked");
                out.instant("at", i.at());
                out.effectId("effect_id", i.effectId());
                out.enumeration("verdict", Enums.BUDGET_VERDICT, i.verdict());
                out.string("reason", i.reason());
            }
            case Input.CancelRequested i -> {
                out.startObject("cancel_requested");
                out.instant("at", i.at());
                out.string("reason", i.reason());
            }
            case Input.TimeAdvanced i -> {
                out.startObject("time_advanced");
                out.instant("at", i.at());
            }
            case Input.Recovered i -> {
                out.startObject("recovered");
                out.instant("at", i.at());
            }
        }
        out.endObject();
    }

    static Input read(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        JsonIn body = t.body();
        return switch (type) {
            case "user_message_received" -> userMessageReceived(body);
            case "model_replied" -> modelReplied(body);
            case "model_failed" -> modelFailed(body);
            case "tool_succeeded" -> toolSucceeded(body);
            case "tool_failed" -> toolFailed(body);
            case "approval_decided" -> approvalDecided(body);
            case "budget_checked" -> budgetChecked(body);
            case "cancel_requested" -> cancelRequested(body);
            case "time_advanced" -> new Input.TimeAdvanced(body.soleInstant("at"));
            case "recovered" -> new Input.Recovered(body.soleInstant("at"));
            default -> throw t.tag().unknownType(type);
        };
    }

    private static Input.UserMessageReceived userMessageReceived(JsonIn in) {
        Instant at = null;
        String text = null;
        Delivery delivery = null;
        Option<String> idempotencyKey = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "text" -> text = in.string();
                case "delivery" -> delivery = in.enumeration(Enums.DELIVERY);
                case "idempotency_key" -> idempotencyKey = in.option(JsonIn::string);
                default -> in.skip();
            }
        }
        return new Input.UserMessageReceived(in.required(at, "at"), in.required(text, "text"),
                in.required(delivery, "delivery"), idempotencyKey);
    }

    private static Input.ModelReplied modelReplied(JsonIn in) {
        Instant at = null;
        EffectId effectId = null;
        ModelReply reply = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "effect_id" -> effectId = in.effectId();
                case "reply" -> reply = ModelJson.readModelReply(in);
                default -> in.skip();
            }
        }
        return new Input.ModelReplied(in.required(at, "at"), in.required(effectId, "effect_id"),
                in.required(reply, "reply"));
    }

    private static Input.ModelFailed modelFailed(JsonIn in) {
        Instant at = null;
        EffectId effectId = null;
        FailureKind kind = null;
        Option<Long> retryAfterMillis = Option.none();
        String message = null;
        String partialText = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "effect_id" -> effectId = in.effectId();
                case "kind" -> kind = in.enumeration(Enums.FAILURE_KIND);
                case "retry_after_millis" -> retryAfterMillis = in.option(JsonIn::int64);
                case "message" -> message = in.string();
                case "partial_text" -> partialText = in.string();
                default -> in.skip();
            }
        }
        return new Input.ModelFailed(in.required(at, "at"), in.required(effectId, "effect_id"),
                in.required(kind, "kind"), retryAfterMillis, in.required(message, "message"),
                in.required(partialText, "partial_text"));
    }

    private static Input.ToolSucceeded toolSucceeded(JsonIn in) {
        Instant at = null;
        EffectId effectId = null;
        String output = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "effect_id" -> effectId = in.effectId();
                case "output" -> output = in.string();
                default -> in.skip();
            }
        }
        return new Input.ToolSucceeded(in.required(at, "at"), in.required(effectId, "effect_id"),
                in.required(output, "output"));
    }

    private static Input.ToolFailed toolFailed(JsonIn in) {
        Instant at = null;
        EffectId effectId = null;
        ToolErrorKind kind = null;
        String message = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "effect_id" -> effectId = in.effectId();
                case "kind" -> kind = in.enumeration(Enums.TOOL_ERROR_KIND);
                case "message" -> message = in.string();
                default -> in.skip();
            }
        }
        return new Input.ToolFailed(in.required(at, "at"), in.required(effectId, "effect_id"),
                in.required(kind, "kind"), in.required(message, "message"));
    }

    private static Input.ApprovalDecided approvalDecided(JsonIn in) {
        Instant at = null;
        String approvalId = null;
        Decision decision = null;
        String reason = null;
        String principal = null;
        Option<String> editedArgumentsJson = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "approval_id" -> approvalId = in.string();
                case "decision" -> decision = in.enumeration(Enums.DECISION);
                case "reason" -> reason = in.string();
                case "principal" -> principal = in.string();
                case "edited_arguments_json" -> editedArgumentsJson = in.option(JsonIn::string);
                default -> in.skip();
            }
        }
        return new Input.ApprovalDecided(in.required(at, "at"), in.required(approvalId, "approval_id"),
                in.required(decision, "decision"), in.required(reason, "reason"),
                in.required(principal, "principal"), editedArgumentsJson);
    }

    private static Input.BudgetChecked budgetChecked(JsonIn in) {
        Instant at = null;
        EffectId effectId = null;
        BudgetVerdict verdict = null;
        String reason = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "effect_id" -> effectId = in.effectId();
                case "verdict" -> verdict = in.enumeration(Enums.BUDGET_VERDICT);
                case "reason" -> reason = in.string();
                default -> in.skip();
            }
        }
        return new Input.BudgetChecked(in.required(at, "at"), in.required(effectId, "effect_id"),
                in.required(verdict, "verdict"), in.required(reason, "reason"));
    }

    private static Input.CancelRequested cancelRequested(JsonIn in) {
        Instant at = null;
        String reason = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "reason" -> reason = in.string();
                default -> in.skip();
            }
        }
        return new Input.CancelRequested(in.required(at, "at"), in.required(reason, "reason"));
    }
}
