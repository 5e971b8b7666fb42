package dev.turnstile.host;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A model client whose calls the test answers by hand. */
final class ScriptedModelClient implements ModelClient {

    /** One call the driver started. */
    static final class Call implements ModelCall {
        final ModelRequest request;
        final Consumer<StreamDelta> deltas;
        final CompletableFuture<ReplyResult> result = new CompletableFuture<>();
        boolean cancelled;

        Call(ModelRequest request, Consumer<StreamDelta> deltas) {
            this.request = request;
            this.deltas = deltas;
        }

        @Override
        public CompletionStage<ReplyResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        /** Answers with one tool call. */
        void replyWithToolCall(ToolCall call) {
            result.complete(new ReplyResult.Completed(new ModelReply(new AssistantMessage("", Vector.of(call)),
                    Usage.of(1, 1), FinishReason.TOOL_CALLS, request.model())));
        }

        /** Answers with text. */
        void reply(String text) {
            result.complete(new ReplyResult.Completed(new ModelReply(AssistantMessage.text(text), Usage.of(1, 1),
                    FinishReason.END_TURN, request.model())));
        }
    }

    final List<Call> calls = new ArrayList<>();

    @Override
    public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        Call call = new Call(request, deltas);
        calls.add(call);
        return call;
    }
}
