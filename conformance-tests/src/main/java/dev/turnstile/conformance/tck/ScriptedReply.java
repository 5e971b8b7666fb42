package dev.turnstile.conformance.tck;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/** What a {@link ScriptedModel} answers to a request that matched a rule. */
public sealed interface ScriptedReply {

    /**
     * A complete reply, optionally streamed: the deltas are reported, in order, before the result.
     *
     * @param message the assistant message
     * @param usage the tokens reported
     * @param deltas the live deltas reported first (empty: not streamed)
     */
    record Answer(AssistantMessage message, Usage usage, Vector<StreamDelta> deltas) implements ScriptedReply {
        /** Validates fields. */
        public Answer {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(deltas, "deltas");
        }

        /** With reported usage. */
        public Answer withUsage(long inputTokens, long outputTokens) {
            return new Answer(message, Usage.of(inputTokens, outputTokens), deltas);
        }

        /**
         * Streamed: the text in {@code textDeltas} pieces of about equal length, then each tool call as a
         * start and one arguments fragment.
         */
        public Answer streamed(int textDeltas) {
            Vector<StreamDelta> out = Vector.empty();
            String text = message.text();
            int pieces = Math.max(1, Math.min(textDeltas, text.length()));
            for (int i = 0; i < pieces && !text.isEmpty(); i++) {
                int from = text.length() * i / pieces;
                int to = text.length() * (i + 1) / pieces;
                out = out.append(new StreamDelta.TextDelta(text.substring(from, to)));
            }
            for (int i = 0; i < message.toolCalls().size(); i++) {
                ToolCall call = message.toolCalls().get(i);
                out = out.append(new StreamDelta.ToolCallStarted(i, call.id(), call.name()))
                        .append(new StreamDelta.ToolArgumentsDelta(i, call.argumentsJson()));
            }
            return new Answer(message, usage, out);
        }

        ModelReply reply(String model) {
            FinishReason finish = message.hasToolCalls() ? FinishReason.TOOL_CALLS : FinishReason.END_TURN;
            return new ModelReply(message, usage, finish, model);
        }
    }

    /** A typed failure, as a real client reports a provider error. */
    record Failure(ModelFailure failure, String partialText) implements ScriptedReply {
        /** Validates fields. */
        public Failure {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(partialText, "partialText");
        }
    }

    /** A call that never completes on its own: it ends only when cancelled (abandoned, timed out, closed). */
    record Hang() implements ScriptedReply {}

    /** A text reply with usage 10 in, 5 out. */
    static Answer text(String text) {
        return new Answer(AssistantMessage.text(text), Usage.of(10, 5), Vector.empty());
    }

    /** A reply asking for tool calls, with usage 10 in, 5 out. */
    static Answer toolCalls(ToolCall... calls) {
        return new Answer(new AssistantMessage("", Vector.of(calls)), Usage.of(10, 5), Vector.empty());
    }

    /** A transient failure (5xx, reset): retried with backoff. */
    static Failure retryable(String message) {
        return new Failure(ModelFailure.of(FailureKind.RETRYABLE, message), "");
    }

    /** A 429 with the server's retry-after. */
    static Failure rateLimited(long retryAfterMillis) {
        return new Failure(new ModelFailure(FailureKind.RATE_LIMITED, Option.some(retryAfterMillis),
                "rate limited (scripted)", Option.some("rate_limit_exceeded")), "");
    }

    /** A failure retrying cannot fix. */
    static Failure fatal(String message) {
        return new Failure(ModelFailure.of(FailureKind.FATAL, message), "");
    }

    /** A call that only ends when cancelled. */
    static Hang hang() {
        return new Hang();
    }
}
