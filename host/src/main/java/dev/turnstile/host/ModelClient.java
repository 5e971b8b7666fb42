package dev.turnstile.host;

import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.StreamDelta;
import java.util.function.Consumer;

/**
 * Calls a model. Implementations stream the reply, report each delta to {@code deltas} as it
 * arrives, and complete the returned call with one assembled result. They never throw for a failing
 * provider: every failure becomes a {@link dev.turnstile.wire.ReplyResult.Failed} with its
 * {@link dev.turnstile.model.FailureKind}, so the machine decides about retries.
 */
public interface ModelClient {

    /**
     * Starts a call.
     *
     * @param request the provider-neutral request
     * @param deltas receives live deltas in order; may be called from any thread
     */
    ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas);
}
