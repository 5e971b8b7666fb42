package dev.turnstile.wire.anthropic;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.wire.HttpFailureRules;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import dev.turnstile.wire.StreamDelta;
import dev.turnstile.wire.StreamDelta.ReasoningDelta;
import dev.turnstile.wire.StreamDelta.TextDelta;
import dev.turnstile.wire.StreamDelta.ToolArgumentsDelta;
import dev.turnstile.wire.StreamDelta.ToolCallStarted;
import dev.turnstile.wire.WireJson;
import dev.turnstile.wire.sse.SseEvent;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Assembles a streamed Anthropic message ({@code stream: true}) from its events.
 *
 * <p>The event kind is read from the payload's {@code type} (the SSE {@code event:} name is only a
 * fallback), so recordings without SSE framing can be fed with {@link #acceptData}. Tolerated, each with
 * a test on a real or hand-made stream:
 * <ul>
 *   <li>{@code ping} events anywhere, whitespace padding inside the JSON, unknown event, block and delta
 *       types, and unknown fields: ignored.
 *   <li>{@code thinking} blocks: {@code thinking_delta} becomes {@link ReasoningDelta}s (never reply
 *       text); {@code signature_delta} is ignored.
 *   <li>{@code server_tool_use} blocks (tool search, code execution…) and their result blocks: the
 *       provider runs those tools itself, so they are not tool calls for us and their input is dropped.
 *   <li>Usage: input tokens from {@code message_start}, then cumulative totals from
 *       {@code message_delta} (the last value wins; see {@link AnthropicUsage#updatedBy}).
 *   <li>{@code event: error} inside the HTTP 200 stream is a failure ({@link AnthropicErrorMapper#fromEmbeddedError}).
 *   <li>A body that ends without {@code message_stop} is a truncated stream: a
 *       {@link FailureKind#RETRYABLE} failure with the partial text.
 * </ul>
 * Text blocks are concatenated as they are, with nothing inserted between them.
 */
public final class AnthropicStreamAccumulator implements StreamAccumulator {

    /** What a content block index holds, decided at {@code content_block_start}. */
    private enum BlockKind { TEXT, THINKING, CLIENT_TOOL_USE, IGNORED }

    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Integer, BlockKind> blockKinds = new TreeMap<>();
    private final TreeMap<Integer, StreamedToolUse> toolUseAtBlock = new TreeMap<>();
    private final ArrayList<StreamedToolUse> toolUses = new ArrayList<>();
    private String model = "";
    private AnthropicUsage usage = AnthropicUsage.ZERO;
    private FinishReason finishReason = FinishReason.UNKNOWN;
    private boolean messageStopSeen;
    private Option<ModelFailure> failure = Option.none();

    /** Creates an accumulator for one streamed response. */
    public AnthropicStreamAccumulator() {}

    @Override
    public List<StreamDelta> accept(SseEvent event) {
        if (messageStopSeen || failure.isDefined()) {
            return List.of();
        }
        String data = event.data().strip();
        if (data.isEmpty()) {
            return List.of();
        }
        Option<JsonNode> payload = WireJson.parseObject(data);
        if (payload.isEmpty()) {
            failure = Option.some(ModelFailure.of(FailureKind.RETRYABLE, "stream event is not a JSON object: "
                    + HttpFailureRules.truncate(data)));
            return List.of();
        }
        JsonNode root = payload.get();
        String type = WireJson.string(root, "type").getOrElse(event.type());
        ArrayList<StreamDelta> deltas = new ArrayList<>(1);
        switch (type) {
            case "message_start" -> {
                JsonNode message = root.path("message");
                model = WireJson.stringOrEmpty(message, "model");
                usage = usage.updatedBy(message.get("usage"));
            }
            case "content_block_start" -> startBlock(root.path("index").asInt(-1), root.path("content_block"), deltas);
            case "content_block_delta" -> readDelta(root.path("index").asInt(-1), root.path("delta"), deltas);
            case "message_delta" -> {
                WireJson.string(root.path("delta"), "stop_reason").forEach(r -> finishReason = AnthropicStopReasons.of(r));
                usage = usage.updatedBy(root.get("usage"));
            }
            case "message_stop" -> messageStopSeen = true;
            case "error" -> failure = Option.some(AnthropicErrorMapper.fromEmbeddedError(root.path("error")));
            default -> { } // ping, content_block_stop, and event types added after this was written
        }
        return deltas;
    }

    @Override
    public ReplyResult finish() {
        if (failure.isDefined()) {
            return new ReplyResult.Failed(failure.get(), text.toString());
        }
        if (!messageStopSeen) {
            return new ReplyResult.Failed(ModelFailure.truncatedStream("message_stop"), text.toString());
        }
        Vector<ToolCall> calls = Vector.ofAll(toolUses).map(StreamedToolUse::toToolCall);
        ModelReply reply = new ModelReply(new AssistantMessage(text.toString(), calls), usage.toUsage(), finishReason, model);
        return new ReplyResult.Completed(reply);
    }

    private void startBlock(int index, JsonNode block, List<StreamDelta> deltas) {
        switch (WireJson.stringOrEmpty(block, "type")) {
            case "text" -> {
                blockKinds.put(index, BlockKind.TEXT);
                appendText(WireJson.stringOrEmpty(block, "text"), deltas);
            }
            case "thinking" -> {
                blockKinds.put(index, BlockKind.THINKING);
                appendReasoning(WireJson.stringOrEmpty(block, "thinking"), deltas);
            }
            case "tool_use" -> {
                blockKinds.put(index, BlockKind.CLIENT_TOOL_USE);
                StreamedToolUse toolUse = new StreamedToolUse(toolUses.size(), WireJson.stringOrEmpty(block, "id"),
                        WireJson.stringOrEmpty(block, "name"), AnthropicToolInput.ofTree(block.get("input")));
                toolUses.add(toolUse);
                toolUseAtBlock.put(index, toolUse);
                deltas.add(new ToolCallStarted(toolUse.position(), toolUse.id(), toolUse.name()));
            }
            default -> blockKinds.put(index, BlockKind.IGNORED); // server_tool_use, tool results, redacted_thinking…
        }
    }

    private void readDelta(int index, JsonNode delta, List<StreamDelta> deltas) {
        BlockKind kind = blockKinds.getOrDefault(index, BlockKind.IGNORED);
        switch (WireJson.stringOrEmpty(delta, "type")) {
            case "text_delta" -> {
                if (kind == BlockKind.TEXT) {
                    appendText(WireJson.stringOrEmpty(delta, "text"), deltas);
                }
            }
            case "thinking_delta" -> {
                if (kind == BlockKind.THINKING) {
                    appendReasoning(WireJson.stringOrEmpty(delta, "thinking"), deltas);
                }
            }
            case "input_json_delta" -> {
                StreamedToolUse toolUse = toolUseAtBlock.get(index);
                String fragment = WireJson.stringOrEmpty(delta, "partial_json");
                if (kind == BlockKind.CLIENT_TOOL_USE && toolUse != null && !fragment.isEmpty()) {
                    toolUse.appendInput(fragment);
                    deltas.add(new ToolArgumentsDelta(toolUse.position(), fragment));
                }
            }
            default -> { } // signature_delta, citations_delta, and delta types added later
        }
    }

    private void appendText(String piece, List<StreamDelta> deltas) {
        if (!piece.isEmpty()) {
            text.append(piece);
            deltas.add(new TextDelta(piece));
        }
    }

    private static void appendReasoning(String piece, List<StreamDelta> deltas) {
        if (!piece.isEmpty()) {
            deltas.add(new ReasoningDelta(piece));
        }
    }
}
