package dev.turnstile.codec;

import io.vavr.collection.Vector;
import java.util.function.Function;

/**
 * One kind of value the codec maps, with its generator, writer and reader, so that every property
 * test runs over every kind.
 *
 * @param name the kind, for test names and failure messages
 * @param generate draws one arbitrary value
 * @param writer encodes a value
 * @param reader decodes a value
 */
record Family<T>(String name, Function<ArbitraryValues, T> generate, JsonOut.Writer<T> writer,
        JsonIn.Reader<T> reader) {

    String encode(T value) {
        return MachineCodec.encode(value, writer);
    }

    T decode(String json) {
        return JsonIn.decode(json, reader);
    }

    /** Every family: the public entry points' types first, then every record and hierarchy beneath them. */
    static Vector<Family<?>> all() {
        return Vector.of(
                new Family<>("input", ArbitraryValues::input, InputJson::write, InputJson::read),
                new Family<>("effect", ArbitraryValues::effect, EffectJson::write, EffectJson::read),
                new Family<>("event", ArbitraryValues::event, EventJson::write, EventJson::read),
                new Family<>("session_state", ArbitraryValues::sessionState, StateJson::writeSessionState,
                        StateJson::readSessionState),
                new Family<>("machine_config", ArbitraryValues::machineConfig, ConfigJson::writeConfig,
                        ConfigJson::readConfig),
                new Family<>("journal_header", ArbitraryValues::journalHeader, HeaderJson::write, HeaderJson::read),
                new Family<>("step", ArbitraryValues::step, StepJson::writeStep, StepJson::readStep),
                new Family<>("message", ArbitraryValues::message, ModelJson::writeMessage, ModelJson::readMessage),
                new Family<>("tool_call", ArbitraryValues::toolCall, ModelJson::writeToolCall, ModelJson::readToolCall),
                new Family<>("tool_spec", ArbitraryValues::toolSpec, ModelJson::writeToolSpec, ModelJson::readToolSpec),
                new Family<>("model_request", ArbitraryValues::modelRequest, ModelJson::writeModelRequest,
                        ModelJson::readModelRequest),
                new Family<>("model_reply", ArbitraryValues::modelReply, ModelJson::writeModelReply,
                        ModelJson::readModelReply),
                new Family<>("usage", ArbitraryValues::usage, ModelJson::writeUsage, ModelJson::readUsage),
                new Family<>("outcome", ArbitraryValues::outcome, OutcomeJson::writeOutcome, OutcomeJson::readOutcome),
                new Family<>("stop_reason", ArbitraryValues::stopReason, OutcomeJson::writeStopReason,
                        OutcomeJson::readStopReason),
                new Family<>("phase", ArbitraryValues::phase, PhaseJson::writePhase, PhaseJson::readPhase),
                new Family<>("tool_slot", ArbitraryValues::toolSlot, PhaseJson::writeSlot, PhaseJson::readSlot),
                new Family<>("tool_slot_state", ArbitraryValues::slotState, PhaseJson::writeSlotState,
                        PhaseJson::readSlotState),
                new Family<>("labels", ArbitraryValues::labels, StateJson::writeLabels, StateJson::readLabels),
                new Family<>("event_context", ArbitraryValues::eventContext, EventJson::writeContext,
                        EventJson::readContext),
                new Family<>("prng", ArbitraryValues::prng, StateJson::writePrng, StateJson::readPrng),
                new Family<>("meter", ArbitraryValues::meter, StateJson::writeMeter, StateJson::readMeter),
                new Family<>("turn_progress", ArbitraryValues::turnProgress, StateJson::writeTurnProgress,
                        StateJson::readTurnProgress),
                new Family<>("prompt_estimate", ArbitraryValues::promptEstimate, StateJson::writePromptEstimate,
                        StateJson::readPromptEstimate),
                new Family<>("queued_message", ArbitraryValues::queuedMessage, StateJson::writeQueuedMessage,
                        StateJson::readQueuedMessage),
                new Family<>("approval_record", ArbitraryValues::approvalRecord, StateJson::writeApprovalRecord,
                        StateJson::readApprovalRecord),
                new Family<>("wake", ArbitraryValues::wake, StepJson::writeWake, StepJson::readWake),
                new Family<>("retry_policy", ArbitraryValues::retryPolicy, ConfigJson::writeRetry,
                        ConfigJson::readRetry),
                new Family<>("tool_permissions", ArbitraryValues::toolPermissions, ConfigJson::writePermissions,
                        ConfigJson::readPermissions),
                new Family<>("permission_rule", ArbitraryValues::permissionRule, ConfigJson::writeRule,
                        ConfigJson::readRule),
                new Family<>("budget_policy", ArbitraryValues::budgetPolicy, ConfigJson::writeBudget,
                        ConfigJson::readBudget),
                new Family<>("budget_limits", v -> v.budgetLimits(true), ConfigJson::writeLimits,
                        ConfigJson::readLimits),
                new Family<>("price", ArbitraryValues::price, ConfigJson::writePrice, ConfigJson::readPrice));
    }
}
