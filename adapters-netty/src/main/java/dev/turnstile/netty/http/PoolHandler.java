package dev.turnstile.netty.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.pool.ChannelPoolHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/**
 * Builds a pooled connection's pipeline ({@code [tls] → http codec → last resort}) and switches it between its
 * two modes: leased (auto-read off, the exchange reads on demand) and idle in the pool (auto-read on,
 * guarded by {@link PooledIdleGuard}).
 */
final class PoolHandler implements ChannelPoolHandler {

    static final String CODEC = "http-codec";
    /** The pool a connection belongs to, so that it can be given back to the right one. */
    static final AttributeKey<FixedChannelPool> POOL = AttributeKey.valueOf("turnstile.pool");
    private static final int MAX_INITIAL_LINE_BYTES = 8192;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final Origin origin;
    private final SslContext sslContext;
    private final HttpClientSettings settings;
    private FixedChannelPool pool;

    PoolHandler(Origin origin, SslContext sslContext, HttpClientSettings settings) {
        this.origin = origin;
        this.sslContext = sslContext;
        this.settings = settings;
    }

    /** Names the pool this handler serves; called once, before the pool creates any connection. */
    void bind(FixedChannelPool owner) {
        this.pool = owner;
    }

    @Override
    public void channelCreated(Channel ch) {
        ch.attr(POOL).set(pool);
        ChannelPipeline pipeline = ch.pipeline();
        if (origin.tls()) {
            SslHandler tls = sslContext.newHandler(ch.alloc(), origin.host(), origin.port());
            tls.setHandshakeTimeoutMillis(settings.tlsHandshakeTimeoutMillis());
            pipeline.addLast("tls", tls);
        }
        pipeline.addLast(CODEC, new HttpClientCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
        pipeline.addLast(LastResortHandler.NAME, LastResortHandler.INSTANCE);
    }

    /**
     * Adds a per-exchange handler at the end of a leased connection's pipeline (just before the
     * last-resort handler).
     */
    static void addExchangeHandler(Channel ch, String name, io.netty.channel.ChannelHandler handler) {
        ch.pipeline().addBefore(LastResortHandler.NAME, name, handler);
    }

    @Override
    public void channelAcquired(Channel ch) {
        if (ch.pipeline().get(PooledIdleGuard.NAME) != null) {
            ch.pipeline().remove(PooledIdleGuard.NAME);
        }
        ch.config().setAutoRead(false);
    }

    @Override
    public void channelReleased(Channel ch) {
        if (ch.isActive() && ch.pipeline().get(PooledIdleGuard.NAME) == null) {
            addExchangeHandler(ch, PooledIdleGuard.NAME, new PooledIdleGuard(settings.pooledIdleTimeoutMillis()));
            ch.config().setAutoRead(true);
        }
    }
}
