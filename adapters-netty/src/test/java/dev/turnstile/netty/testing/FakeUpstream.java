package dev.turnstile.netty.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted model provider on loopback (plain or TLS): each request takes the next script, which
 * writes a response by hand (head, chunks, end) or hangs. Records requests, connections accepted and
 * connections the client closed, with futures to wait on instead of sleeping.
 */
public final class FakeUpstream implements AutoCloseable {

    /** A recorded request. */
    public record Request(String method, String uri, HttpHeaders headers, String body) {}

    /** Writes one response. */
    @FunctionalInterface
    public interface Script {
        /** Answers {@code request} on {@code out}. */
        void respond(Request request, Out out);
    }

    /** The response side of one exchange. */
    public static final class Out {
        private final ChannelHandlerContext ctx;

        Out(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        /** Sends the status line and headers of a chunked response. */
        public Out head(int status, String contentType, String... headerPairs) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
            head.headers().set("content-type", contentType);
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                head.headers().set(headerPairs[i], headerPairs[i + 1]);
            }
            HttpUtil.setTransferEncodingChunked(head, true);
            ctx.writeAndFlush(head);
            return this;
        }

        /** Sends body text. */
        public Out chunk(String text) {
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
            return this;
        }

        /** Ends the response (the connection stays open for the next request). */
        public void end() {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }

        /** Closes the connection abruptly. */
        public void close() {
            ctx.close();
        }

        /** A complete response in one go. */
        public void whole(int status, String contentType, String body, String... headerPairs) {
            head(status, contentType, headerPairs).chunk(body).end();
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();

    private FakeUpstream(SslContext tls, String bindHost) {
        ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.closeFuture().addListener(f -> disconnects.add(String.valueOf(ch.remoteAddress())));
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024 * 1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
                                        Request request = new Request(msg.method().name(), msg.uri(),
                                                msg.headers().copy(), msg.content().toString(StandardCharsets.UTF_8));
                                        requests.add(request);
                                        arrivals.add(request);
                                        Script script = scripts.poll();
                                        Out out = new Out(ctx);
                                        if (script == null) {
                                            out.whole(500, "text/plain", "no script left");
                                        } else {
                                            script.respond(request, out);
                                        }
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }
                                });
                    }
                }).bind(new InetSocketAddress(bindHost, 0)).syncUninterruptibly();
        this.server = bound.channel();
    }

    /** A plain HTTP upstream. */
    public static FakeUpstream plain() {
        return new FakeUpstream(null, "127.0.0.1");
    }

    /** A TLS upstream. */
    public static FakeUpstream tls(SslContext context) {
        return new FakeUpstream(context, "127.0.0.1");
    }

    /** A TLS upstream on another loopback address (Linux routes all of 127/8 to loopback). */
    public static FakeUpstream tls(SslContext context, String loopbackAddress) {
        return new FakeUpstream(context, loopbackAddress);
    }

    /** Adds scripts, used one per request in order. */
    public FakeUpstream then(Script... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    /** The port. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:port} plus {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Requests received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits for the next request to arrive. */
    public Request nextRequest() throws InterruptedException {
        Request request = arrivals.poll(30, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request reached the fake upstream within 30 s");
        }
        return request;
    }

    /** Waits until a connection closes, whoever closed it. */
    public String nextDisconnect() throws InterruptedException {
        String who = disconnects.poll(30, TimeUnit.SECONDS);
        if (who == null) {
            throw new AssertionError("no connection to the fake upstream closed within 30 s");
        }
        return who;
    }

    /** Connections accepted so far. */
    public int connectionsAccepted() {
        return connections.get();
    }

    /** Connections closed so far. */
    public int disconnectsSeen() {
        return disconnects.size();
    }

    /** A script that answers nothing, ever: the connection stays open until the client gives up. */
    public static Script hang() {
        return (request, out) -> { };
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
