package dev.turnstile.host;

import dev.turnstile.wire.ReplyResult;
import java.util.concurrent.CompletionStage;

/** A model call in flight. */
public interface ModelCall {

    /** Completes with the reply or a typed failure; never exceptionally for provider errors. */
    CompletionStage<ReplyResult> result();

    /**
     * Stops the call: closes the HTTP stream or connection so the provider stops generating.
     * Idempotent; the result then completes with a {@code CANCELLED} failure if not already complete.
     */
    void cancel();
}
