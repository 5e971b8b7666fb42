package dev.turnstile.conformance.crash;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.UserMessage;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The child's in-process model: answers with {@link CrashScript#reply} after a delay of 0 to
 * {@value #MAX_DELAY_MICROS} µs, so that a kill can land while calls are in flight. The delay comes
 * from the child's seed mixed with the request's first user message and length: seeded, and the same
 * for a call whatever thread or order it is made in.
 */
final class ScriptedModel implements ModelClient, AutoCloseable {

    static final int MAX_DELAY_MICROS = 25_000;

    private final long seed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-model");
        t.setDaemon(true);
        return t;
    });

    ScriptedModel(long seed) {
        this.seed = seed;
    }

    @Override
    public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        ReplyResult reply = new ReplyResult.Completed(CrashScript.reply(request));
        String firstUser = request.messages().find(m -> m instanceof UserMessage)
                .map(m -> ((UserMessage) m).text()).getOrElse("");
        long draw = CrashScript.mix(seed ^ CrashScript.mix(firstUser.hashCode() * 1_000_003L + request.messages().size()));
        long delayMicros = Long.remainderUnsigned(draw, MAX_DELAY_MICROS);
        CompletableFuture<ReplyResult> result = new CompletableFuture<>();
        timer.schedule(() -> result.complete(reply), delayMicros, TimeUnit.MICROSECONDS);
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
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
