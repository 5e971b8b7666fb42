package dev.turnstile.netty.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.vavr.control.Option;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One model call over a pooled connection: lease, write the request, read the response on demand,
 * give the connection back (or close it), complete the result exactly once.
 *
 * <p>Confinement: every field below is touched only on {@code loop}, the event loop the connection
 * belongs to; {@link #cancel()} hops there.
 *
 * <p>Backpressure: the connection does not auto-read. After each read burst the next read is
 * requested by a task queued on the loop behind the delta hand-offs that burst caused. When the call
 * was started from a session running on the same loop (the Netty runtime arranges this), those
 * hand-offs are the session's own tasks, so the next bytes are read only after the session has taken
 * the previous deltas: a slow session slows the socket (TCP flow control reaches the provider) instead
 * of queueing deltas without bound. Non-streamed and error bodies are bounded by the client's limits.
 */
final class ModelCallExchange implements ModelCall {

    private static final System.Logger LOG = System.getLogger(ModelCallExchange.class.getName());
    private static final String READ_IDLE = "model-read-idle";

    /** What every call of one client shares. */
    record Context(NettyHttpClient http, Origin origin, long idleTimeoutMillis, InstantSource clock,
            UnaryOperator<String> redactor) {}

    private final NettyHttpClient http;
    private final Origin origin;
    private final Context context;
    private final FullHttpRequest request;
    private final ModelResponseReader reader;
    private final Consumer<StreamDelta> deltas;
    private final EventLoop loop;
    private final CompletableFuture<ReplyResult> result = new CompletableFuture<>();

    private Channel channel;
    private boolean requestHandedOver;
    private boolean requestWritten;
    private boolean finished;
    private boolean keepAlive = true;
    private boolean skippingInformational;
    private byte[] scratch = new byte[8192];

    private ModelCallExchange(Context context, FullHttpRequest request, ModelResponseReader reader,
            Consumer<StreamDelta> deltas) {
        this.context = context;
        this.http = context.http();
        this.origin = context.origin();
        this.request = request;
        this.reader = reader;
        this.deltas = deltas;
        this.loop = http.currentOrNextLoop();
    }

    /** Starts a call; the returned exchange completes its result exactly once. */
    static ModelCallExchange start(Context context, FullHttpRequest request, ModelResponseReader reader,
            Consumer<StreamDelta> deltas) {
        ModelCallExchange exchange = new ModelCallExchange(context, request, reader, deltas);
        exchange.loop.execute(exchange::acquire);
        return exchange;
    }

    @Override
    public CompletionStage<ReplyResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        try {
            loop.execute(() -> finish(reader.abort(FailureKind.CANCELLED, "the call was cancelled"), false));
        } catch (RejectedExecutionException e) {
            // The loop is gone (shutdown), and with it the connection: just report the cancellation.
            result.complete(new ReplyResult.Failed(ModelFailure.of(FailureKind.CANCELLED, "the call was cancelled"), ""));
        }
    }

    private void acquire() {
        if (finished) {
            return;
        }
        Future<Channel> leased;
        try {
            leased = http.acquire(origin, loop);
        } catch (RuntimeException e) {
            finish(reader.abort(FailureKind.RETRYABLE, "could not reach " + origin + ": " + describe(e)), false);
            return;
        }
        leased.addListener(f -> onAcquired(leased));
    }

    private void onAcquired(Future<Channel> leased) {
        if (!leased.isSuccess()) {
            Throwable cause = leased.cause();
            finish(reader.abort(ExchangeFailures.kindOf(cause), "could not connect to " + origin + ": "
                    + describe(cause)), false);
            return;
        }
        Channel ch = leased.getNow();
        if (finished) {
            http.release(ch); // cancelled while connecting: the connection is clean, keep it
            return;
        }
        channel = ch;
        NettyHttpClient.addExchangeHandler(ch, READ_IDLE, new IdleStateHandler(context.idleTimeoutMillis(), 0, 0,
                TimeUnit.MILLISECONDS));
        NettyHttpClient.addExchangeHandler(ch, ModelResponseHandler.NAME, new ModelResponseHandler(this));
        requestHandedOver = true;
        ch.writeAndFlush(request).addListener(written -> {
            if (written.isSuccess()) {
                requestWritten = true;
            } else {
                onFailure(written.cause());
            }
        });
        ch.read();
    }

    void onHead(HttpResponse response) {
        if (finished) {
            return;
        }
        if (response.decoderResult().isFailure()) {
            onFailure(response.decoderResult().cause());
            return;
        }
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            skippingInformational = true; // a 1xx is not the answer: the real status line follows
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(response);
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        reader.head(response.status().code(), contentType, name -> Option.of(response.headers().get(name)));
    }

    void onContent(HttpContent content) {
        if (finished) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            onFailure(content.decoderResult().cause());
            return;
        }
        if (skippingInformational) {
            skippingInformational = !(content instanceof LastHttpContent);
            return;
        }
        ByteBuf bytes = content.content();
        int length = bytes.readableBytes();
        if (length > 0) {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            bytes.getBytes(bytes.readerIndex(), scratch, 0, length);
            forward(reader.content(scratch, 0, length));
        }
        if (reader.failedEarly() != null) {
            finish(reader.failedEarly(), false);
        } else if (content instanceof LastHttpContent) {
            finish(reader.end(context.clock().instant()), keepAlive);
        }
    }

    void onReadComplete() {
        if (!finished) {
            // Queued behind the deltas this burst handed to the session: see the class comment.
            loop.execute(() -> {
                if (!finished && channel.isActive()) {
                    channel.read();
                }
            });
        }
    }

    void onReadIdle() {
        finish(reader.abort(FailureKind.RETRYABLE, "no data from " + origin + " for "
                + context.idleTimeoutMillis() + " ms"), false);
    }

    void onConnectionClosed() {
        finish(reader.abort(FailureKind.RETRYABLE, "the connection to " + origin + " closed before the response ended"),
                false);
    }

    void onFailure(Throwable cause) {
        finish(reader.abort(ExchangeFailures.kindOf(cause), "the exchange with " + origin + " failed: "
                + describe(cause)), false);
    }

    private void forward(List<StreamDelta> produced) {
        for (StreamDelta delta : produced) {
            try {
                deltas.accept(delta);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a delta consumer failed: " + e);
            }
        }
    }

    private void finish(ReplyResult outcome, boolean reusable) {
        if (finished) {
            return;
        }
        finished = true;
        if (channel != null) {
            if (channel.pipeline().get(ModelResponseHandler.NAME) != null) {
                channel.pipeline().remove(ModelResponseHandler.NAME);
            }
            if (channel.pipeline().get(READ_IDLE) != null) {
                channel.pipeline().remove(READ_IDLE);
            }
            if (!reusable || !requestWritten) {
                // Closing is how an abandoned call stops the provider generating (and billing).
                channel.close();
            }
            http.release(channel);
        } else if (!requestHandedOver) {
            request.release();
        }
        result.complete(redacted(outcome));
    }

    private ReplyResult redacted(ReplyResult outcome) {
        if (outcome instanceof ReplyResult.Failed failed) {
            ModelFailure f = failed.failure();
            return new ReplyResult.Failed(new ModelFailure(f.kind(), f.retryAfterMillis(),
                    context.redactor().apply(f.message()), f.providerCode()), failed.partialText());
        }
        return outcome;
    }

    private static String describe(Throwable cause) {
        return ExchangeFailures.describe(cause);
    }
}
