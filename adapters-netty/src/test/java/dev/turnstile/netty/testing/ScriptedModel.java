package dev.turnstile.netty.testing;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A model with no network: each call takes the next scripted answer. An answer may stream text
 * deltas before it completes, complete later (held until {@link Held#release}), or hang until the
 * call is cancelled. Thread-safe.
 */
public final class ScriptedModel implements ModelClient {

    /** One scripted answer. */
    @FunctionalInterface
    public interface Answer {
        /** Answers one call. */
        ModelCall answer(ModelRequest request, Consumer<StreamDelta> deltas);
    }

    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private final AtomicInteger cancels = new AtomicInteger();

    /** Adds answers to the script. */
    public synchronized ScriptedModel then(Answer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    @Override
    public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        Answer answer;
        synchronized (this) {
            requests.add(request);
            answer = answers.poll();
        }
        if (answer == null) {
            return completed(new ReplyResult.Failed(ModelFailure.of(FailureKind.FATAL, "the script has no more answers"),
                    ""));
        }
        return answer.answer(request, deltas);
    }

    /** The requests seen so far. */
    public synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many calls were cancelled. */
    public int cancels() {
        return cancels.get();
    }

    /** A text reply streamed in the given pieces. */
    public static Answer text(String... pieces) {
        return (request, deltas) -> {
            StringBuilder all = new StringBuilder();
            for (String piece : pieces) {
                deltas.accept(new StreamDelta.TextDelta(piece));
                all.append(piece);
            }
            return completed(new ReplyResult.Completed(reply(AssistantMessage.text(all.toString()))));
        };
    }

    /** A reply asking for one tool call. */
    public static Answer toolCall(String id, String name, String argumentsJson) {
        return (request, deltas) -> {
            deltas.accept(new StreamDelta.ToolCallStarted(0, id, name));
            deltas.accept(new StreamDelta.ToolArgumentsDelta(0, argumentsJson));
            return completed(new ReplyResult.Completed(reply(new AssistantMessage("",
                    Vector.of(new ToolCall(id, name, argumentsJson))))));
        };
    }

    /** A call that streams {@code pieces} and then never completes until it is cancelled. */
    public Answer hanging(String... pieces) {
        return (request, deltas) -> {
            for (String piece : pieces) {
                deltas.accept(new StreamDelta.TextDelta(piece));
            }
            CompletableFuture<ReplyResult> result = new CompletableFuture<>();
            return new ModelCall() {
                @Override
                public CompletionStage<ReplyResult> result() {
                    return result;
                }

                @Override
                public void cancel() {
                    if (result.complete(new ReplyResult.Failed(ModelFailure.of(FailureKind.CANCELLED, "cancelled"),
                            String.join("", pieces)))) {
                        cancels.incrementAndGet();
                    }
                }
            };
        };
    }

    /** An answer held until released by the test: {@code held.answer()} goes in the script. */
    public static final class Held {
        private final CompletableFuture<ReplyResult> result = new CompletableFuture<>();
        private final CompletableFuture<Consumer<StreamDelta>> started = new CompletableFuture<>();

        /** The scripted answer. */
        public Answer answer() {
            return (request, deltas) -> {
                started.complete(deltas);
                return new ModelCall() {
                    @Override
                    public CompletionStage<ReplyResult> result() {
                        return result;
                    }

                    @Override
                    public void cancel() {
                        result.complete(new ReplyResult.Failed(ModelFailure.of(FailureKind.CANCELLED, "cancelled"), ""));
                    }
                };
            };
        }

        /** Completes when the call started; gives its delta sink. */
        public CompletableFuture<Consumer<StreamDelta>> started() {
            return started;
        }

        /** Completes the call with a text reply. */
        public void release(String text) {
            result.complete(new ReplyResult.Completed(reply(AssistantMessage.text(text))));
        }
    }

    /** A reply with fixed usage. */
    public static ModelReply reply(AssistantMessage message) {
        return new ModelReply(message, Usage.of(10, 5), message.hasToolCalls() ? FinishReason.TOOL_CALLS
                : FinishReason.END_TURN, "scripted");
    }

    /** A call that is already complete. */
    public static ModelCall completed(ReplyResult result) {
        return new ModelCall() {
            @Override
            public CompletionStage<ReplyResult> result() {
                return CompletableFuture.completedFuture(result);
            }

            @Override
            public void cancel() {
            }
        };
    }
}
