package dev.turnstile.blocking.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDecoder;
import dev.turnstile.wire.StreamDelta;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * One model call over the JDK {@link java.net.http.HttpClient}: sends the request asynchronously, then
 * reads the body on a virtual thread of its own from a {@link ChunkQueue}, feeding every chunk as it
 * arrives to the SSE parser and the provider accumulator and forwarding the deltas at once.
 *
 * <p>Why a body subscriber and a reading thread rather than {@code BodyHandlers.ofInputStream()}: the
 * queue's timed wait gives the idle timeout without a timer, and cancelling the subscription is the
 * documented way to make the JDK client drop the connection. Every outcome completes {@link #result()}
 * exactly once; whoever completes it first (the reader, or {@link #cancel()}) wins.
 */
final class HttpModelCall implements ModelCall {

    private static final System.Logger LOG = System.getLogger(HttpModelCall.class.getName());
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final int MAX_REPLY_BODY_BYTES = 64 * 1024 * 1024;

    private final ClientSettings settings;
    private final Dialect dialect;
    private final ModelRequest request;
    private final Consumer<StreamDelta> deltas;
    private final CompletableFuture<ReplyResult> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile Thread sender;
    private volatile ChunkQueue body;

    HttpModelCall(ClientSettings settings, Dialect dialect, ModelRequest request, Consumer<StreamDelta> deltas) {
        this.settings = settings;
        this.dialect = dialect;
        this.request = request;
        this.deltas = deltas;
    }

    /** Sends the request; returns at once. */
    HttpModelCall start() {
        HttpRequest http;
        try {
            http = httpRequest();
        } catch (RuntimeException e) {
            complete(failure(FailureKind.FATAL, "cannot build the " + dialect.providerName() + " request: " + e.getMessage()), "");
            return this;
        }
        // A blocking send on the call's own virtual thread, not sendAsync: the JDK completes sendAsync
        // futures on the common ForkJoinPool, which blocking work anywhere in the JVM can starve.
        Thread.ofVirtual().name("turnstile-model-call").start(() -> send(http));
        return this;
    }

    private void send(HttpRequest http) {
        sender = Thread.currentThread();
        if (cancelled) {
            return;
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = settings.httpClient().send(http, HttpResponse.BodyHandlers.ofPublisher());
        } catch (InterruptedException e) {
            // cancel() interrupted the send before the headers arrived; the JDK aborts the exchange.
            complete(failure(FailureKind.CANCELLED, "the call was cancelled"), "");
            return;
        } catch (java.io.IOException | RuntimeException e) {
            complete(Failures.ofSendError(e, settings, dialect.providerName()), "");
            return;
        }
        read(response);
    }

    @Override
    public CompletionStage<ReplyResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
        // Complete first: closing the transport makes the reader see an error, which must not win.
        complete(failure(FailureKind.CANCELLED, "the call was cancelled"), "");
        ChunkQueue q = body;
        if (q != null) {
            q.cancel(); // after the headers: cancelling the body subscription closes the connection
            return;
        }
        Thread t = sender;
        if (t != null) {
            t.interrupt(); // before the headers: an interrupted send aborts the exchange and its connection
        }
    }

    private HttpRequest httpRequest() {
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.endpoint(dialect.path()))
                .version(settings.version())
                .timeout(settings.idleTimeout()) // until the response headers arrive
                .header("content-type", "application/json")
                .header("accept", settings.streaming() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(dialect.encode(request, settings.streaming())));
        if (settings.apiKey().isPresent()) {
            dialect.authorize(b, settings.apiKey().reveal());
        }
        settings.headers().forEach(b::setHeader);
        return b.build();
    }

    private void read(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        ChunkQueue queue = new ChunkQueue();
        body = queue;
        if (cancelled) {
            queue.cancel();
        }
        response.body().subscribe(queue);
        try {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                readError(queue, response);
            } else if (settings.streaming() && isEventStream(response)) {
                readStream(queue);
            } else {
                readWhole(queue);
            }
        } catch (InterruptedException e) {
            queue.cancel();
            complete(failure(FailureKind.CANCELLED, "the reading thread was interrupted"), "");
        } catch (RuntimeException e) {
            queue.cancel();
            LOG.log(Level.WARNING, "reading a " + dialect.providerName() + " response failed", e);
            complete(failure(FailureKind.RETRYABLE, "reading the response failed: " + e), "");
        }
    }

    private void readStream(ChunkQueue queue) throws InterruptedException {
        StreamDecoder decoder = new StreamDecoder(dialect.newAccumulator());
        while (true) {
            ChunkQueue.Item item = queue.next(settings.idleTimeout());
            switch (item) {
                case null -> {
                    queue.cancel();
                    complete(idleTimeout(), partialText(decoder.end()));
                    return;
                }
                case ChunkQueue.Item.Data data -> {
                    for (ByteBuffer buffer : data.buffers()) {
                        byte[] bytes = bytes(buffer);
                        forward(decoder.feed(bytes, 0, bytes.length));
                    }
                }
                case ChunkQueue.Item.End end -> {
                    ReplyResult ended = decoder.end();
                    result.complete(redacted(ended));
                    return;
                }
                case ChunkQueue.Item.Failed failed -> {
                    complete(Failures.ofBodyError(failed.error(), dialect.providerName()), partialText(decoder.end()));
                    return;
                }
                case ChunkQueue.Item.Cancelled c -> {
                    return; // cancel() already completed the result
                }
            }
        }
    }

    private void readWhole(ChunkQueue queue) throws InterruptedException {
        Option<byte[]> bytes = collect(queue, MAX_REPLY_BODY_BYTES);
        if (bytes.isDefined()) {
            result.complete(redacted(dialect.decode(bytes.get())));
        }
    }

    private void readError(ChunkQueue queue, HttpResponse<?> response) throws InterruptedException {
        Option<byte[]> bytes = collect(queue, MAX_ERROR_BODY_BYTES);
        if (bytes.isDefined()) {
            HeaderLookup headers = name -> Option.ofOptional(response.headers().firstValue(name));
            String text = new String(bytes.get(), StandardCharsets.UTF_8);
            ModelFailure mapped = dialect.failure(response.statusCode(), headers, text, settings.clock().instant());
            complete(mapped, "");
        }
    }

    /**
     * The whole body, at most {@code limit} bytes (the rest is dropped with the connection); none when
     * the read failed or was cancelled, in which case the result is already complete.
     */
    private Option<byte[]> collect(ChunkQueue queue, int limit) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            ChunkQueue.Item item = queue.next(settings.idleTimeout());
            switch (item) {
                case null -> {
                    queue.cancel();
                    complete(idleTimeout(), "");
                    return Option.none();
                }
                case ChunkQueue.Item.Data data -> {
                    for (ByteBuffer buffer : data.buffers()) {
                        out.writeBytes(bytes(buffer));
                    }
                    if (out.size() >= limit) {
                        queue.cancel();
                        return Option.some(java.util.Arrays.copyOf(out.toByteArray(), limit));
                    }
                }
                case ChunkQueue.Item.End end -> {
                    return Option.some(out.toByteArray());
                }
                case ChunkQueue.Item.Failed failed -> {
                    complete(Failures.ofBodyError(failed.error(), dialect.providerName()), "");
                    return Option.none();
                }
                case ChunkQueue.Item.Cancelled c -> {
                    return Option.none();
                }
            }
        }
    }

    private void forward(List<StreamDelta> produced) {
        for (StreamDelta delta : produced) {
            if (cancelled) {
                return;
            }
            try {
                deltas.accept(delta);
            } catch (RuntimeException e) {
                // An observer's bug must not break the call: the machine only needs the assembled reply.
                LOG.log(Level.WARNING, "a delta consumer failed", e);
            }
        }
    }

    private ModelFailure idleTimeout() {
        return failure(FailureKind.RETRYABLE, "no data from " + dialect.providerName() + " for "
                + settings.idleTimeout().toMillis() + " ms (idle timeout)");
    }

    private static boolean isEventStream(HttpResponse<?> response) {
        return response.headers().firstValue("content-type")
                .map(v -> v.toLowerCase(Locale.ROOT).startsWith("text/event-stream")).orElse(false);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String partialText(ReplyResult ended) {
        return ended instanceof ReplyResult.Failed f ? f.partialText() : "";
    }

    private static ModelFailure failure(FailureKind kind, String message) {
        return ModelFailure.of(kind, message);
    }

    private void complete(ModelFailure failure, String partialText) {
        result.complete(redacted(new ReplyResult.Failed(failure, partialText)));
    }

    // Providers echo parts of a rejected key in their error messages; never let a whole key through.
    private ReplyResult redacted(ReplyResult outcome) {
        if (outcome instanceof ReplyResult.Failed f && settings.apiKey().isPresent()) {
            ModelFailure m = f.failure();
            return new ReplyResult.Failed(new ModelFailure(m.kind(), m.retryAfterMillis(),
                    settings.apiKey().redact(m.message()), m.providerCode()), f.partialText());
        }
        return outcome;
    }
}
