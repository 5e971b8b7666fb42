package dev.turnstile.wire.openai;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
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
 * Assembles a streamed OpenAI chat completion ({@code stream: true}) from its {@code data:} chunks.
 *
 * <p>Tolerates the deviations recorded from real servers (DESIGN §5; each has a test):
 * <ul>
 *   <li>Tool calls are keyed by {@code index}, but a fragment with a new {@code id} at an index already
 *       in use starts a new call (servers that send each call whole at index 0).
 *   <li>A restated call (same id again) does not concatenate its name, and a repeated complete argument
 *       string is not appended twice (OpenRouter variants a and b).
 *   <li>Null, empty or missing {@code arguments} mean {@code {}} (variants c and d).
 *   <li>{@code choices: []} may come in any chunk (the usage chunk; Azure's first chunk).
 *   <li>An {@code error} object inside the HTTP 200 stream is a failure, classified by
 *       {@link OpenAiErrorMapper#fromEmbeddedError}.
 *   <li>Tool use is whatever calls were gathered; {@code finish_reason} is only reported, and may be
 *       missing altogether (variants a and b).
 *   <li>Unknown fields are ignored; {@code reasoning_content} (xAI, DeepSeek, vLLM) or {@code reasoning}
 *       (OpenRouter, Ollama) becomes {@link ReasoningDelta}s, never reply text.
 *   <li>A body that ends without {@code data: [DONE]} is a truncated stream: a
 *       {@link FailureKind#RETRYABLE} failure with the partial text.
 * </ul>
 * Only choice 0 is read: Turnstile never asks for several choices.
 */
public final class OpenAiStreamAccumulator implements StreamAccumulator {
    private static final String DONE = "[DONE]";

    private final StringBuilder text = new StringBuilder();
    private final ArrayList<PendingToolCall> toolCalls = new ArrayList<>();
    /** The call currently assembled at each provider index. */
    private final TreeMap<Integer, PendingToolCall> callAtIndex = new TreeMap<>();
    private String model = "";
    private FinishReason finishReason = FinishReason.UNKNOWN;
    private Usage usage = Usage.ZERO;
    private boolean doneSeen;
    private Option<ModelFailure> failure = Option.none();

    /** Creates an accumulator for one streamed response. */
    public OpenAiStreamAccumulator() {}

    @Override
    public List<StreamDelta> accept(SseEvent event) {
        if (doneSeen || failure.isDefined()) {
            return List.of();
        }
        String data = event.data().strip();
        if (data.isEmpty()) {
            return List.of(); // an empty "data:" line, used by some servers as a keep-alive
        }
        if (data.equals(DONE)) {
            doneSeen = true;
            return List.of();
        }
        Option<JsonNode> chunk = WireJson.parseObject(data);
        if (event.type().equals("error")) {
            // Not OpenAI's own shape, but some compatible servers name the SSE event instead.
            JsonNode error = chunk.map(c -> c.has("error") ? c.get("error") : c)
                    .getOrElse(() -> WireJson.newObject().put("message", data));
            failure = Option.some(OpenAiErrorMapper.fromEmbeddedError(error));
            return List.of();
        }
        if (chunk.isEmpty()) {
            failure = Option.some(ModelFailure.of(FailureKind.RETRYABLE, "stream chunk is not a JSON object: "
                    + HttpFailureRules.truncate(data)));
            return List.of();
        }
        return acceptChunk(chunk.get());
    }

    @Override
    public ReplyResult finish() {
        if (failure.isDefined()) {
            return new ReplyResult.Failed(failure.get(), text.toString());
        }
        if (!doneSeen) {
            return new ReplyResult.Failed(ModelFailure.truncatedStream("data: [DONE]"), text.toString());
        }
        Vector<ToolCall> calls = Vector.ofAll(toolCalls).map(PendingToolCall::toToolCall);
        AssistantMessage message = new AssistantMessage(text.toString(), calls);
        return new ReplyResult.Completed(new ModelReply(message, usage, finishReason, model));
    }

    private List<StreamDelta> acceptChunk(JsonNode chunk) {
        if (WireJson.present(chunk, "error")) {
            failure = Option.some(OpenAiErrorMapper.fromEmbeddedError(chunk.get("error")));
            return List.of();
        }
        if (model.isEmpty()) {
            model = WireJson.stringOrEmpty(chunk, "model"); // Azure's first chunk has model ""
        }
        if (WireJson.present(chunk, "usage")) {
            usage = OpenAiFields.usage(chunk.get("usage"));
        }
        ArrayList<StreamDelta> deltas = new ArrayList<>(2);
        for (JsonNode choice : WireJson.elements(chunk, "choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            readDelta(choice.path("delta"), deltas);
            WireJson.string(choice, "finish_reason").forEach(reason -> finishReason = OpenAiFields.finishReason(reason));
        }
        return deltas;
    }

    private void readDelta(JsonNode delta, List<StreamDelta> deltas) {
        Option<String> reasoning = WireJson.string(delta, "reasoning_content").orElse(WireJson.string(delta, "reasoning"));
        reasoning.filter(r -> !r.isEmpty()).forEach(r -> deltas.add(new ReasoningDelta(r)));
        appendText(WireJson.stringOrEmpty(delta, "content"), deltas);
        // A refusal is what the model said instead of an answer; the user should see it as the reply.
        appendText(WireJson.stringOrEmpty(delta, "refusal"), deltas);
        int positionInArray = 0;
        for (JsonNode fragment : WireJson.elements(delta, "tool_calls")) {
            readToolCallFragment(fragment, positionInArray++, deltas);
        }
    }

    private void appendText(String piece, List<StreamDelta> deltas) {
        if (!piece.isEmpty()) {
            text.append(piece);
            deltas.add(new TextDelta(piece));
        }
    }

    private void readToolCallFragment(JsonNode fragment, int positionInArray, List<StreamDelta> deltas) {
        JsonNode indexNode = fragment.path("index");
        int providerIndex = indexNode.isIntegralNumber() ? indexNode.asInt() : positionInArray;
        Option<String> id = WireJson.string(fragment, "id").filter(s -> !s.isEmpty());
        JsonNode function = fragment.path("function");
        String name = WireJson.stringOrEmpty(function, "name");
        PendingToolCall call = callAtIndex.get(providerIndex);
        boolean newIdAtBusyIndex = call != null && id.isDefined() && call.hasServerId() && !call.id().equals(id.get());
        if (call == null || newIdAtBusyIndex) {
            call = startCall(providerIndex, id, name, deltas);
        } else {
            if (id.isDefined() && !call.hasServerId()) {
                call.adoptServerId(id.get());
            }
            call.offerName(name);
        }
        String arguments = OpenAiFields.argumentsText(function.get("arguments"));
        if (call.appendArguments(arguments)) {
            deltas.add(new ToolArgumentsDelta(call.position(), arguments));
        }
    }

    private PendingToolCall startCall(int providerIndex, Option<String> id, String name, List<StreamDelta> deltas) {
        int position = toolCalls.size();
        PendingToolCall call = new PendingToolCall(position,
                id.getOrElse(() -> OpenAiFields.synthesizedToolCallId(position)), id.isDefined(), name);
        toolCalls.add(call);
        callAtIndex.put(providerIndex, call);
        deltas.add(new ToolCallStarted(position, call.id(), name));
        return call;
    }
}
