package dev.turnstile.netty.server;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.observe.Cursors;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.Meter;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.ToolSlot;
import dev.turnstile.model.Json;
import dev.turnstile.wire.StreamDelta;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the API shows of sessions. Machine values (phase, transcript, outcome, events) are in the
 * codec's format ({@link MachineCodec}, the same JSON as journals and checkpoints); around them the
 * views add what a client wants without decoding a whole state: a usage summary, the approvals
 * waiting for a decision, and the observation cursor to follow the session from.
 */
final class SessionViews {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private SessionViews() {}

    /**
     * A session's snapshot.
     *
     * @param cursor the observation cursor the snapshot is at least as new as
     */
    static ObjectNode snapshot(SessionState state, long cursor, boolean open) {
        JsonNode codec = Json.tree(MachineCodec.encodeState(state));
        ObjectNode view = JSON.createObjectNode();
        view.put("id", state.sessionId());
        view.put("open", open);
        view.set("labels", labels(state.labels()));
        view.put("cursor", Cursors.format(state.sessionId(), cursor));
        view.put("turn", state.turn());
        view.put("turn_running", state.turnRunning());
        view.put("now", state.now().toString());
        view.set("phase", codec.get("phase"));
        view.set("pending_approvals", pendingApprovals(state));
        view.set("usage", usage(state.sessionMeter(), codec.get("usage_by_model")));
        view.set("transcript", codec.get("transcript"));
        if (codec.has("last_outcome")) {
            view.set("last_outcome", codec.get("last_outcome"));
        }
        return view;
    }

    /** A line of the session list. */
    static ObjectNode summary(SessionState state, boolean open) {
        ObjectNode view = JSON.createObjectNode();
        view.put("id", state.sessionId());
        view.put("open", open);
        view.set("labels", labels(state.labels()));
        view.put("turn", state.turn());
        view.put("turn_running", state.turnRunning());
        return view;
    }

    static ObjectNode labels(Labels labels) {
        ObjectNode view = JSON.createObjectNode();
        view.put("tenant", labels.tenant());
        view.put("principal", labels.principal());
        view.put("agent_template", labels.agentTemplate());
        view.put("correlation_id", labels.correlationId());
        return view;
    }

    private static ObjectNode usage(Meter meter, JsonNode byModel) {
        ObjectNode view = JSON.createObjectNode();
        view.put("input_tokens", meter.usage().inputTokens());
        view.put("output_tokens", meter.usage().outputTokens());
        view.put("total_tokens", meter.usage().totalTokens());
        view.put("cache_read_input_tokens", meter.usage().cacheReadInputTokens());
        view.put("cache_write_input_tokens", meter.usage().cacheWriteInputTokens());
        view.put("cost_micros", meter.costMicros());
        view.put("rounds", meter.rounds());
        view.put("tool_runs", meter.toolRuns());
        view.set("by_model", byModel == null ? JSON.createObjectNode() : byModel);
        return view;
    }

    /** The tool calls waiting for a human decision, in call order. */
    static ArrayNode pendingApprovals(SessionState state) {
        ArrayNode out = JSON.createArrayNode();
        if (state.phase() instanceof Phase.AwaitingApproval waiting) {
            for (ToolSlot slot : waiting.slots()) {
                if (slot.state() instanceof ToolSlot.AwaitingDecision decision) {
                    ObjectNode item = out.addObject();
                    item.put("approval_id", decision.approvalId());
                    item.put("tool_call_id", slot.call().id());
                    item.put("tool_name", slot.call().name());
                    item.put("arguments", slot.call().argumentsJson());
                    decision.expiresAt().forEach(at -> item.put("expires_at", at.toString()));
                }
            }
        }
        return out;
    }

    /** Whether {@code approvalId} waits for a decision in this state. */
    static boolean isPending(SessionState state, String approvalId) {
        for (JsonNode pending : pendingApprovals(state)) {
            if (pending.get("approval_id").asString().equals(approvalId)) {
                return true;
            }
        }
        return false;
    }

    /** An event's SSE type: its codec type tag ({@code turn_finished}…). */
    static String eventType(Event event) {
        String name = event.getClass().getSimpleName();
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A live delta: {@code {"effect_id":3,"type":"text_delta","text":"He"}}. */
    static String delta(long effectId, StreamDelta delta) {
        ObjectNode view = JSON.createObjectNode();
        view.put("effect_id", effectId);
        switch (delta) {
            case StreamDelta.TextDelta d -> {
                view.put("type", "text_delta");
                view.put("text", d.text());
            }
            case StreamDelta.ReasoningDelta d -> {
                view.put("type", "reasoning_delta");
                view.put("text", d.text());
            }
            case StreamDelta.ToolCallStarted d -> {
                view.put("type", "tool_call_started");
                view.put("index", d.index());
                view.put("id", d.id());
                view.put("name", d.name());
            }
            case StreamDelta.ToolArgumentsDelta d -> {
                view.put("type", "tool_arguments_delta");
                view.put("index", d.index());
                view.put("fragment", d.fragment());
            }
        }
        return JSON.writeValueAsString(view);
    }
}
