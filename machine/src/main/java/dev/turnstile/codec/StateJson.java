package dev.turnstile.codec;

import dev.turnstile.machine.ApprovalRecord;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.Meter;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.Prng;
import dev.turnstile.machine.PromptEstimate;
import dev.turnstile.machine.QueuedMessage;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TurnProgress;
import dev.turnstile.model.Message;
import dev.turnstile.model.Usage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;

/** {@link SessionState} and the records only it holds; {@link Labels}, which everything carries. */
final class StateJson {

    private StateJson() {}

    static void writeSessionState(JsonOut out, SessionState s) {
        out.startObject();
        out.string("session_id", s.sessionId());
        out.object("labels", s.labels(), StateJson::writeLabels);
        out.instant("now", s.now());
        out.object("prng", s.prng(), StateJson::writePrng);
        out.int64("last_effect_id", s.lastEffectId());
        out.int32("turn", s.turn());
        out.int32("approvals_issued", s.approvalsIssued());
        out.object("phase", s.phase(), PhaseJson::writePhase);
        out.option("turn_progress", s.turnProgress(), StateJson::writeTurnProgress);
        out.array("transcript", s.transcript(), ModelJson::writeMessage);
        out.array("queued", s.queued(), StateJson::writeQueuedMessage);
        out.array("idempotency_keys", s.idempotencyKeys(), JsonOut::stringValue);
        out.object("session_meter", s.sessionMeter(), StateJson::writeMeter);
        out.map("usage_by_model", s.usageByModel(), key -> key, ModelJson::writeUsage);
        out.object("prompt_estimate", s.promptEstimate(), StateJson::writePromptEstimate);
        out.array("approvals", s.approvals(), StateJson::writeApprovalRecord);
        out.option("last_outcome", s.lastOutcome(), OutcomeJson::writeOutcome);
        out.endObject();
    }

    static SessionState readSessionState(JsonIn in) {
        in.startObject();
        String sessionId = null;
        Labels labels = null;
        Instant now = null;
        Prng prng = null;
        Long lastEffectId = null;
        Integer turn = null;
        Integer approvalsIssued = null;
        Phase phase = null;
        Option<TurnProgress> turnProgress = Option.none();
        Vector<Message> transcript = null;
        Vector<QueuedMessage> queued = null;
        TreeSet<String> idempotencyKeys = null;
        Meter sessionMeter = null;
        TreeMap<String, Usage> usageByModel = null;
        PromptEstimate promptEstimate = null;
        Vector<ApprovalRecord> approvals = null;
        Option<Outcome> lastOutcome = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "session_id" -> sessionId = in.string();
                case "labels" -> labels = readLabels(in);
                case "now" -> now = in.instant();
                case "prng" -> prng = readPrng(in);
                case "last_effect_id" -> lastEffectId = in.int64();
                case "turn" -> turn = in.int32();
                case "approvals_issued" -> approvalsIssued = in.int32();
                case "phase" -> phase = PhaseJson.readPhase(in);
                case "turn_progress" -> turnProgress = in.option(StateJson::readTurnProgress);
                case "transcript" -> transcript = in.vector(ModelJson::readMessage);
                case "queued" -> queued = in.vector(StateJson::readQueuedMessage);
                case "idempotency_keys" -> idempotencyKeys = TreeSet.ofAll(in.vector(JsonIn::string));
                case "session_meter" -> sessionMeter = readMeter(in);
                case "usage_by_model" -> usageByModel = in.stringMap(ModelJson::readUsage);
                case "prompt_estimate" -> promptEstimate = readPromptEstimate(in);
                case "approvals" -> approvals = in.vector(StateJson::readApprovalRecord);
                case "last_outcome" -> lastOutcome = in.option(OutcomeJson::readOutcome);
                default -> in.skip();
            }
        }
        return new SessionState(in.required(sessionId, "session_id"), in.required(labels, "labels"),
                in.required(now, "now"), in.required(prng, "prng"), in.required(lastEffectId, "last_effect_id"),
                in.required(turn, "turn"), in.required(approvalsIssued, "approvals_issued"),
                in.required(phase, "phase"), turnProgress, in.required(transcript, "transcript"),
                in.required(queued, "queued"), in.required(idempotencyKeys, "idempotency_keys"),
                in.required(sessionMeter, "session_meter"), in.required(usageByModel, "usage_by_model"),
                in.required(promptEstimate, "prompt_estimate"), in.required(approvals, "approvals"), lastOutcome);
    }

    static void writeLabels(JsonOut out, Labels l) {
        out.startObject();
        out.string("tenant", l.tenant());
        out.string("principal", l.principal());
        out.string("agent_template", l.agentTemplate());
        out.string("correlation_id", l.correlationId());
        out.endObject();
    }

    static Labels readLabels(JsonIn in) {
        in.startObject();
        String tenant = null;
        String principal = null;
        String agentTemplate = null;
        String correlationId = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "tenant" -> tenant = in.string();
                case "principal" -> principal = in.string();
                case "agent_template" -> agentTemplate = in.string();
                case "correlation_id" -> correlationId = in.string();
                default -> in.skip();
            }
        }
        return new Labels(in.required(tenant, "tenant"), in.required(principal, "principal"),
                in.required(agentTemplate, "agent_template"), in.required(correlationId, "correlation_id"));
    }

    static void writePrng(JsonOut out, Prng prng) {
        out.startObject();
        out.int64("state", prng.state());
        out.endObject();
    }

    static Prng readPrng(JsonIn in) {
        in.startObject();
        Long state = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "state" -> state = in.int64();
                default -> in.skip();
            }
        }
        return new Prng(in.required(state, "state"));
    }

    static void writeMeter(JsonOut out, Meter m) {
        out.startObject();
        out.object("usage", m.usage(), ModelJson::writeUsage);
        out.int64("cost_micros", m.costMicros());
        out.int32("rounds", m.rounds());
        out.int32("tool_runs", m.toolRuns());
        out.array("thresholds_hit", m.thresholdsHit(), (o, r) -> o.stringValue(Enums.BUDGET_RESOURCE.name(r)));
        out.endObject();
    }

    static Meter readMeter(JsonIn in) {
        in.startObject();
        Usage usage = null;
        Long costMicros = null;
        Integer rounds = null;
        Integer toolRuns = null;
        TreeSet<BudgetResource> thresholdsHit = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "usage" -> usage = ModelJson.readUsage(in);
                case "cost_micros" -> costMicros = in.int64();
                case "rounds" -> rounds = in.int32();
                case "tool_runs" -> toolRuns = in.int32();
                case "thresholds_hit" -> thresholdsHit =
                        TreeSet.ofAll(in.vector(e -> e.enumeration(Enums.BUDGET_RESOURCE)));
                default -> in.skip();
            }
        }
        return new Meter(in.required(usage, "usage"), in.required(costMicros, "cost_micros"),
                in.required(rounds, "rounds"), in.required(toolRuns, "tool_runs"),
                in.required(thresholdsHit, "thresholds_hit"));
    }

    static void writeTurnProgress(JsonOut out, TurnProgress t) {
        out.startObject();
        out.instant("started_at", t.startedAt());
        out.int32("round", t.round());
        out.bool("grace_round", t.graceRound());
        out.map("tool_calls_requested", t.toolCallsRequested(), key -> key, JsonOut::int32Value);
        out.object("meter", t.meter(), StateJson::writeMeter);
        out.endObject();
    }

    static TurnProgress readTurnProgress(JsonIn in) {
        in.startObject();
        Instant startedAt = null;
        Integer round = null;
        Boolean graceRound = null;
        TreeMap<String, Integer> toolCallsRequested = null;
        Meter meter = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "started_at" -> startedAt = in.instant();
                case "round" -> round = in.int32();
                case "grace_round" -> graceRound = in.bool();
                case "tool_calls_requested" -> toolCallsRequested = in.stringMap(JsonIn::int32);
                case "meter" -> meter = readMeter(in);
                default -> in.skip();
            }
        }
        return new TurnProgress(in.required(startedAt, "started_at"), in.required(round, "round"),
                in.required(graceRound, "grace_round"), in.required(toolCallsRequested, "tool_calls_requested"),
                in.required(meter, "meter"));
    }

    static void writePromptEstimate(JsonOut out, PromptEstimate p) {
        out.startObject();
        out.int64("reported_tokens", p.reportedTokens());
        out.int64("chars_since_report", p.charsSinceReport());
        out.endObject();
    }

    static PromptEstimate readPromptEstimate(JsonIn in) {
        in.startObject();
        Long reportedTokens = null;
        Long charsSinceReport = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "reported_tokens" -> reportedTokens = in.int64();
                case "chars_since_report" -> charsSinceReport = in.int64();
                default -> in.skip();
            }
        }
        return new PromptEstimate(in.required(reportedTokens, "reported_tokens"),
                in.required(charsSinceReport, "chars_since_report"));
    }

    static void writeQueuedMessage(JsonOut out, QueuedMessage m) {
        out.startObject();
        out.string("text", m.text());
        out.enumeration("delivery", Enums.DELIVERY, m.delivery());
        out.instant("received_at", m.receivedAt());
        out.endObject();
    }

    static QueuedMessage readQueuedMessage(JsonIn in) {
        in.startObject();
        String text = null;
        Delivery delivery = null;
        Instant receivedAt = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "text" -> text = in.string();
                case "delivery" -> delivery = in.enumeration(Enums.DELIVERY);
                case "received_at" -> receivedAt = in.instant();
                default -> in.skip();
            }
        }
        return new QueuedMessage(in.required(text, "text"), in.required(delivery, "delivery"),
                in.required(receivedAt, "received_at"));
    }

    static void writeApprovalRecord(JsonOut out, ApprovalRecord r) {
        out.startObject();
        out.string("approval_id", r.approvalId());
        out.int32("turn", r.turn());
        out.string("tool_call_id", r.toolCallId());
        out.string("tool_name", r.toolName());
        out.enumeration("decision", Enums.DECISION, r.decision());
        out.string("principal", r.principal());
        out.string("reason", r.reason());
        out.bool("expired", r.expired());
        out.option("edited_arguments_json", r.editedArgumentsJson(), JsonOut::stringValue);
        out.instant("decided_at", r.decidedAt());
        out.endObject();
    }

    static ApprovalRecord readApprovalRecord(JsonIn in) {
        in.startObject();
        String approvalId = null;
        Integer turn = null;
        String toolCallId = null;
        String toolName = null;
        Decision decision = null;
        String principal = null;
        String reason = null;
        Boolean expired = null;
        Option<String> editedArgumentsJson = Option.none();
        Instant decidedAt = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "approval_id" -> approvalId = in.string();
                case "turn" -> turn = in.int32();
                case "tool_call_id" -> toolCallId = in.string();
                case "tool_name" -> toolName = in.string();
                case "decision" -> decision = in.enumeration(Enums.DECISION);
                case "principal" -> principal = in.string();
                case "reason" -> reason = in.string();
                case "expired" -> expired = in.bool();
                case "edited_arguments_json" -> editedArgumentsJson = in.option(JsonIn::string);
                case "decided_at" -> decidedAt = in.instant();
                default -> in.skip();
            }
        }
        return new ApprovalRecord(in.required(approvalId, "approval_id"), in.required(turn, "turn"),
                in.required(toolCallId, "tool_call_id"), in.required(toolName, "tool_name"),
                in.required(decision, "decision"), in.required(principal, "principal"),
                in.required(reason, "reason"), in.required(expired, "expired"), editedArgumentsJson,
                in.required(decidedAt, "decided_at"));
    }
}
