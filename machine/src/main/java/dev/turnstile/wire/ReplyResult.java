package dev.turnstile.wire;

import dev.turnstile.model.ModelReply;
import java.util.Objects;

/**
 * The end result of decoding one model response, streamed or not: a complete reply or a failure.
 * Adapters turn it into the machine's {@code ModelReplied} or {@code ModelFailed} input.
 */
public sealed interface ReplyResult {

    /** The response was complete and well formed. */
    record Completed(ModelReply reply) implements ReplyResult {
        /** Validates fields. */
        public Completed {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * The response failed: an error inside an HTTP 200 stream, a truncated stream, or a body that is
     * not a reply.
     *
     * @param failure the classified failure
     * @param partialText the assistant text received before the failure, for display only; it is never
     *     part of a reply (a retried attempt's partial output is never committed)
     */
    record Failed(ModelFailure failure, String partialText) implements ReplyResult {
        /** Validates fields. */
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(partialText, "partialText");
        }
    }
}
