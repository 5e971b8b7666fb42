package dev.turnstile.netty.server;

import dev.turnstile.host.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;

/**
 * One client connection: queues its requests and answers them strictly in order (HTTP/1.1
 * pipelining), hands each to the {@link Api} (which works off the event loop), writes the answers,
 * and, for an event stream, gives the connection over to an {@link EventStream}. All state here is
 * touched only on the connection's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());
    private static final int MAX_QUEUED_REQUESTS = 16;

    private final Api api;
    private final ArrayDeque<ApiRequest> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean busy;
    private EventStream stream;

    ConnectionHandler(Api api) {
        this.api = api;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ApiRequest parsed;
        DecoderResult decoded = request.decoderResult();
        try {
            if (decoded.isFailure()) {
                rejectUnreadable(decoded.cause());
                return;
            }
            parsed = ApiRequest.of(request);
        } finally {
            request.release();
        }
        if (stream != null) {
            return; // the connection carries an event stream now; nothing else may be answered on it
        }
        queued.add(parsed);
        if (queued.size() >= MAX_QUEUED_REQUESTS) {
            context.channel().config().setAutoRead(false);
        }
        next();
    }

    private void rejectUnreadable(Throwable cause) {
        Problem problem = switch (cause) {
            case TooLongHttpHeaderException e -> new Problem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "headers-too-large", "the request headers exceed the server's limit");
            case TooLongHttpLineException e -> new Problem(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                    "request-line-too-long", "the request line exceeds the server's limit");
            default -> Problem.badRequest("the request is not valid HTTP/1.1: " + cause.getMessage());
        };
        // The decoder cannot find the next request after a bad one: answer and close.
        writeResponse(ApiResponse.problem(problem), false);
    }

    private void next() {
        if (busy || stream != null || queued.isEmpty() || !ctx.channel().isActive()) {
            return;
        }
        busy = true;
        ApiRequest request = queued.poll();
        ctx.channel().config().setAutoRead(true);
        api.handle(request, new RequestResponder(request));
    }

    private ChannelFuture writeResponse(ApiResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(response.body()));
        if (response.body().length > 0) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().forEach((name, value) -> http.headers().set(name, value));
        HttpUtil.setContentLength(http, response.body().length);
        HttpUtil.setKeepAlive(http, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(http);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (stream != null) {
            stream.writabilityChanged();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        queued.clear();
        if (stream != null) {
            stream.stop();
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.log(Level.DEBUG, "connection " + context.channel().remoteAddress() + " failed: " + cause);
        context.close();
    }

    /** Answers one request; every method hops to the connection's event loop. */
    private final class RequestResponder implements Responder {
        private final ApiRequest request;

        RequestResponder(ApiRequest request) {
            this.request = request;
        }

        @Override
        public void send(ApiResponse response) {
            ctx.executor().execute(() -> {
                if (!ctx.channel().isActive()) {
                    return;
                }
                writeResponse(response, request.keepAlive()).addListener(f -> {
                    busy = false;
                    next();
                });
            });
        }

        @Override
        public void eventStream(Session session, long afterCursor, Runnable onStop) {
            ctx.executor().execute(() -> {
                if (!ctx.channel().isActive()) {
                    onStop.run();
                    return;
                }
                queued.clear();
                stream = new EventStream(ctx.channel(), session, api.settings(), api.metrics(), onStop);
                stream.start(afterCursor);
            });
        }

        @Override
        public ChunkSink chunked(String contentType) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, request.keepAlive());
            ctx.writeAndFlush(head);
            return new ChunkSink() {
                private ChannelFuture last;

                @Override
                public void write(byte[] chunk) throws InterruptedException {
                    if (last != null) {
                        await(last);
                    }
                    last = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
                }

                @Override
                public void end() {
                    ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    done.addListener(f -> {
                        if (!request.keepAlive()) {
                            ctx.close();
                            return;
                        }
                        busy = false;
                        next();
                    });
                }

                @Override
                public void abort() {
                    ctx.close();
                }
            };
        }

        private void await(ChannelFuture future) throws InterruptedException {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the client went away: " + e.getCause(), e.getCause());
            }
        }
    }
}
