package dev.turnstile.netty.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small HTTP/1.1 client transport on Netty for the model clients: pooled keep-alive connections
 * per origin and event loop ({@link FixedChannelPool}), TLS with the JDK provider and host name
 * verification, name resolution off the event loop, connect and handshake timeouts.
 *
 * <p>Connections are pooled per event loop so that a model call started from a session's event loop
 * runs its connection on that same loop: the streamed deltas then reach the session without a thread
 * hop, and the exchange can request the next read only after the session has taken the previous
 * chunk's deltas (see {@code ModelResponseHandler}).
 *
 * <p>Thread-safe. Close it to close its pools (and its event loop group if it created one).
 */
public final class NettyHttpClient implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ExecutorService ownedResolverExecutor;
    private final Bootstrap bootstrap;
    private final SslContext sslContext;
    private final HttpClientSettings settings;
    private final ConcurrentHashMap<PoolKey, FixedChannelPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record PoolKey(Origin origin, EventLoop loop) {}

    private NettyHttpClient(Builder b) throws SSLException {
        this.ownsGroup = b.group == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(b.threads, NioIoHandler.newFactory()) : b.group;
        this.ownedResolverExecutor = b.resolverExecutor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        this.settings = b.settings;
        SslContextBuilder tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS");
        if (b.trust != null) {
            tls.trustManager(b.trust);
        }
        this.sslContext = tls.build();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .resolver(new OffloadingResolverGroup(b.resolverExecutor != null ? b.resolverExecutor : ownedResolverExecutor))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.AUTO_READ, false);
    }

    /** A builder with defaults: its own one-thread NIO event loop group, system clock, JDK trust store. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Leases a connection to {@code origin} that runs on {@code loop}, which must belong to this
     * client's event loop group. It is connected (the TLS handshake may still run; writes wait for
     * it). Give it back with {@link #release}.
     *
     * @throws IllegalStateException if the client is closed
     */
    Future<Channel> acquire(Origin origin, EventLoop loop) {
        if (closed) {
            throw new IllegalStateException("the HTTP client is closed");
        }
        return pools.computeIfAbsent(new PoolKey(origin, loop), this::newPool).acquire();
    }

    /**
     * Gives a leased connection back. A connection that may not be reused (closed, or its response not
     * read to the end) must be closed first; the pool then drops it.
     */
    void release(Channel channel) {
        FixedChannelPool pool = channel.attr(PoolHandler.POOL).get();
        if (pool == null) {
            channel.close();
            return;
        }
        pool.release(channel);
    }

    /**
     * Adds a handler for the exchange running on a leased connection, after the HTTP codec. Remove it
     * before {@link #release releasing} the connection.
     */
    static void addExchangeHandler(Channel leased, String name, io.netty.channel.ChannelHandler handler) {
        PoolHandler.addExchangeHandler(leased, name, handler);
    }

    /** The event loop the calling thread runs, if it is one of this client's, else the next one. */
    EventLoop currentOrNextLoop() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop() && executor instanceof EventLoop loop) {
                return loop;
            }
        }
        return group.next();
    }

    /** Limits and timeouts. */
    public HttpClientSettings settings() {
        return settings;
    }

    /** How many connections to {@code origin} are leased right now, over all loops (for tests and metrics). */
    int leasedConnections(Origin origin) {
        int count = 0;
        for (var entry : pools.entrySet()) {
            if (entry.getKey().origin().equals(origin)) {
                count += entry.getValue().acquiredChannelCount();
            }
        }
        return count;
    }

    private FixedChannelPool newPool(PoolKey key) {
        Bootstrap forOrigin = bootstrap.clone(key.loop())
                .remoteAddress(InetSocketAddress.createUnresolved(key.origin().host(), key.origin().port()));
        PoolHandler handler = new PoolHandler(key.origin(), sslContext, settings);
        FixedChannelPool pool = new FixedChannelPool(forOrigin, handler, ChannelHealthChecker.ACTIVE,
                FixedChannelPool.AcquireTimeoutAction.FAIL, settings.acquireTimeoutMillis(),
                settings.maxConnectionsPerLoop(), settings.maxPendingAcquires(), true, true);
        handler.bind(pool);
        return pool;
    }

    /** Closes every pooled connection, and the event loop group if this client created it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pools.values().forEach(FixedChannelPool::close);
        pools.clear();
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (ownedResolverExecutor != null) {
            ownedResolverExecutor.shutdown();
        }
    }

    /** Builds a {@link NettyHttpClient}. */
    public static final class Builder {
        private EventLoopGroup group;
        private int threads = 1;
        private java.util.concurrent.Executor resolverExecutor;
        private HttpClientSettings settings = HttpClientSettings.DEFAULTS;
        private TrustManagerFactory trust;

        private Builder() {}

        /**
         * Runs connections on a shared NIO event loop group (built with {@link NioIoHandler}); the
         * client does not shut it down. Default: its own group.
         */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = Objects.requireNonNull(value, "group");
            return this;
        }

        /** Threads of the client's own event loop group, when none is shared; default 1. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be positive, got " + value);
            }
            this.threads = value;
            return this;
        }

        /** Where DNS lookups run; default a virtual thread per lookup. */
        public Builder resolverExecutor(java.util.concurrent.Executor value) {
            this.resolverExecutor = Objects.requireNonNull(value, "resolverExecutor");
            return this;
        }

        /** Limits and timeouts; default {@link HttpClientSettings#DEFAULTS}. */
        public Builder settings(HttpClientSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Trusted certificates for TLS (a private CA, a test server); default the JDK's trust store. */
        public Builder trustManager(TrustManagerFactory value) {
            this.trust = Objects.requireNonNull(value, "trust");
            return this;
        }

        /** The client. */
        public NettyHttpClient build() {
            try {
                return new NettyHttpClient(this);
            } catch (SSLException e) {
                throw new IllegalStateException("could not set up TLS: " + e.getMessage(), e);
            }
        }
    }
}
