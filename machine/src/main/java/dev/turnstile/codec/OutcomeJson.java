package dev.turnstile.codec;

import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.BudgetScope;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.FailureKind;

/** How turns end: {@link Outcome} and {@link StopReason}. */
final class OutcomeJson {

    private OutcomeJson() {}

    static void writeOutcome(JsonOut out, Outcome outcome) {
        switch (outcome) {
            case Outcome.Completed o -> {
                out.startObject("completed");
                out.string("text", o.text());
            }
            case Outcome.Stopped o -> {
                out.startObject("stopped");
                out.object("reason", o.reason(), OutcomeJson::writeStopReason);
            }
        }
        out.endObject();
    }

    static Outcome readOutcome(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        JsonIn body = t.body();
        return switch (type) {
            case "completed" -> new Outcome.Completed(body.soleString("text"));
            case "stopped" -> {
                StopReason reason = null;
                for (String f; (f = body.nextField()) != null; ) {
                    switch (f) {
                        case "reason" -> reason = readStopReason(body);
                        default -> body.skip();
                    }
                }
                yield new Outcome.Stopped(body.required(reason, "reason"));
            }
            default -> throw t.tag().unknownType(type);
        };
    }

    static void writeStopReason(JsonOut out, StopReason reason) {
        switch (reason) {
            case StopReason.Cancelled r -> {
                out.startObject("cancelled");
                out.string("reason", r.reason());
            }
            case StopReason.MaxRounds r -> {
                out.startObject("max_rounds");
                out.int32("rounds", r.rounds());
            }
            case StopReason.BudgetExhausted r -> {
                out.startObject("budget_exhausted");
                out.enumeration("resource", Enums.BUDGET_RESOURCE, r.resource());
                out.enumeration("scope", Enums.BUDGET_SCOPE, r.scope());
                out.int64("used", r.used());
                out.int64("limit", r.limit());
                out.string("detail", r.detail());
            }
            case StopReason.GuardDenied r -> {
                out.startObject("guard_denied");
                out.string("subject", r.subject());
                out.string("reason", r.reason());
                out.bool("timed_out", r.timedOut());
            }
            case StopReason.ModelFailed r -> {
                out.startObject("model_failed");
                out.enumeration("kind", Enums.FAILURE_KIND, r.kind());
                out.string("message", r.message());
            }
            case StopReason.ContextOverflow r -> {
                out.startObject("context_overflow");
                out.string("message", r.message());
            }
            case StopReason.ToolFailed r -> {
                out.startObject("tool_failed");
                out.string("tool_name", r.toolName());
                out.string("message", r.message());
            }
            case StopReason.Incomplete r -> {
                out.startObject("incomplete");
                out.string("partial_text", r.partialText());
            }
        }
        out.endObject();
    }

    static StopReason readStopReason(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        JsonIn body = t.body();
        return switch (type) {
            case "cancelled" -> new StopReason.Cancelled(body.soleString("reason"));
            case "max_rounds" -> readMaxRounds(body);
            case "budget_exhausted" -> readBudgetExhausted(body);
            case "guard_denied" -> readGuardDenied(body);
            case "model_failed" -> readModelFailed(body);
            case "context_overflow" -> new StopReason.ContextOverflow(body.soleString("message"));
            case "tool_failed" -> readToolFailed(body);
            case "incomplete" -> new StopReason.Incomplete(body.soleString("partial_text"));
            default -> throw t.tag().unknownType(type);
        };
    }

    private static StopReason.MaxRounds readMaxRounds(JsonIn in) {
        Integer rounds = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "rounds" -> rounds = in.int32();
                default -> in.skip();
            }
        }
        return new StopReason.MaxRounds(in.required(rounds, "rounds"));
    }

    private static StopReason.BudgetExhausted readBudgetExhausted(JsonIn in) {
        BudgetResource resource = null;
        BudgetScope scope = null;
        Long used = null;
        Long limit = null;
        String detail = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "resource" -> resource = in.enumeration(Enums.BUDGET_RESOURCE);
                case "scope" -> scope = in.enumeration(Enums.BUDGET_SCOPE);
                case "used" -> used = in.int64();
                case "limit" -> limit = in.int64();
                case "detail" -> detail = in.string();
                default -> in.skip();
            }
        }
        return new StopReason.BudgetExhausted(in.required(resource, "resource"), in.required(scope, "scope"),
                in.required(used, "used"), in.required(limit, "limit"), in.required(detail, "detail"));
    }

    private static StopReason.GuardDenied readGuardDenied(JsonIn in) {
        String subject = null;
        String reason = null;
        Boolean timedOut = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "subject" -> subject = in.string();
                case "reason" -> reason = in.string();
                case "timed_out" -> timedOut = in.bool();
                default -> in.skip();
            }
        }
        return new StopReason.GuardDenied(in.required(subject, "subject"), in.required(reason, "reason"),
                in.required(timedOut, "timed_out"));
    }

    private static StopReason.ModelFailed readModelFailed(JsonIn in) {
        FailureKind kind = null;
        String message = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "kind" -> kind = in.enumeration(Enums.FAILURE_KIND);
                case "message" -> message = in.string();
                default -> in.skip();
            }
        }
        return new StopReason.ModelFailed(in.required(kind, "kind"), in.required(message, "message"));
    }

    private static StopReason.ToolFailed readToolFailed(JsonIn in) {
        String toolName = null;
        String message = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "tool_name" -> toolName = in.string();
                case "message" -> message = in.string();
                default -> in.skip();
            }
        }
        return new StopReason.ToolFailed(in.required(toolName, "tool_name"), in.required(message, "message"));
    }
}
