package dev.turnstile.netty.server;

import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.store.Journal;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.netty.BoundedBlockingExecutor;
import dev.turnstile.netty.NettyRuntime;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/SSE session server: JSON over HTTP/1.1 under {@code /v1} for creating, driving, inspecting
 * and closing sessions of an {@link AgentRuntime}, and server-sent events to follow them. See the
 * module README for the routes, the token file and a curl walk-through.
 *
 * <pre>{@code
 * NettyRuntime runtime = NettyRuntime.builder().store(dir).model(...).tool(...).build();
 * SessionServer server = SessionServer.builder()
 *         .runtime(runtime)                                   // its journal is used for downloads
 *         .tokens(TokenRegistry.load(Path.of("tokens.json")))
 *         .sessionDefaults(MachineConfig.builder("gpt-4o").tools(specs).build())
 *         .settings(ServerSettings.DEFAULTS.withPort(8080))
 *         .start();
 * }</pre>
 *
 * <p>Security: every {@code /v1} route needs a bearer token from the {@link TokenRegistry}; a token
 * names a tenant and a principal; a session belongs to the tenant that created it, and another
 * tenant's session answers exactly like a missing one (404). Bodies, headers, request lines and
 * event streams per tenant are limited ({@link ServerSettings}); errors are
 * {@code application/problem+json} without stack traces or secrets. The server binds to
 * {@code 127.0.0.1} unless told otherwise and speaks plain HTTP: put TLS in front of it (a reverse
 * proxy) before exposing it beyond the host.
 */
public final class SessionServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionServer.class.getName());

    /** Requests handled off the event loop at once by the server's own executor. */
    private static final int MAX_BLOCKING_REQUESTS = 64;

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final BoundedBlockingExecutor ownedBlocking;
    private final Channel listener;
    private final ChannelGroup connections = new DefaultChannelGroup("turnstile-server", GlobalEventExecutor.INSTANCE);
    private final ServerMetrics metrics;
    private final int port;

    private SessionServer(Builder b) {
        this.metrics = new ServerMetrics();
        this.ownsGroup = b.group == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(b.threads, NioIoHandler.newFactory()) : b.group;
        this.ownedBlocking = b.blocking == null ? new BoundedBlockingExecutor(MAX_BLOCKING_REQUESTS, "turnstile-api-") : null;
        Executor blocking = b.blocking != null ? b.blocking : ownedBlocking;
        SessionDirectory directory = new SessionDirectory(b.runtime, b.journal);
        SessionsApi sessions = new SessionsApi(b.runtime, directory, new SessionTemplate(b.defaults), b.settings);
        Api api = new Api(b.tokens, sessions, directory, b.journal, blocking, b.settings, metrics);
        ServerSettings s = b.settings;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(s.writeBufferHighWaterBytes() / 2, s.writeBufferHighWaterBytes()))
                .childHandler(new ServerInitializer(api, s, connections));
        try {
            this.listener = bootstrap.bind(new InetSocketAddress(s.bindHost(), s.port())).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownExecutors();
            throw new IllegalStateException("cannot listen on " + s.bindHost() + ":" + s.port() + ": " + e.getMessage(), e);
        }
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.log(Level.INFO, "session server listening on {0}:{1,number,#}", s.bindHost(), port);
    }

    /** A builder; {@link Builder#runtime}, {@link Builder#tokens} and {@link Builder#sessionDefaults} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the chosen one when the settings said 0). */
    public int port() {
        return port;
    }

    /** Counters: requests, event streams, slow consumers disconnected. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Stops listening and closes every connection (event streams end; their clients reconnect
     * elsewhere with their cursors). Does not close the runtime. Idempotent.
     */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (ownedBlocking != null) {
            ownedBlocking.close();
        }
    }

    /** Builds and starts a {@link SessionServer}. */
    public static final class Builder {
        private AgentRuntime runtime;
        private Journal journal;
        private TokenRegistry tokens;
        private MachineConfig defaults;
        private ServerSettings settings = ServerSettings.DEFAULTS;
        private EventLoopGroup group;
        private int threads = 1;
        private Executor blocking;

        private Builder() {}

        /** The runtime whose sessions the server hosts, and its journal (for downloads and ownership). */
        public Builder runtime(NettyRuntime value) {
            return runtime(value, value.journal());
        }

        /** Any runtime, with the journal it stores sessions in. */
        public Builder runtime(AgentRuntime value, Journal storedIn) {
            this.runtime = Objects.requireNonNull(value, "runtime");
            this.journal = Objects.requireNonNull(storedIn, "journal");
            return this;
        }

        /** The bearer tokens. */
        public Builder tokens(TokenRegistry value) {
            this.tokens = Objects.requireNonNull(value, "tokens");
            return this;
        }

        /**
         * The config new sessions start from: clients may choose the model, the system prompt, a subset
         * of its tools and approval rules; everything else is this config's. Its tools are the catalogue
         * clients choose from, so list every tool the runtime registered.
         */
        public Builder sessionDefaults(MachineConfig value) {
            this.defaults = Objects.requireNonNull(value, "defaults");
            return this;
        }

        /** Address, port and limits; default {@link ServerSettings#DEFAULTS}. */
        public Builder settings(ServerSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Serve on a shared NIO event loop group (it is not shut down with the server). */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = Objects.requireNonNull(value, "group");
            return this;
        }

        /** Event loop threads of the server's own group; default 1. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be positive, got " + value);
            }
            this.threads = value;
            return this;
        }

        /** Where request handling that may block (store reads, resumes, journal appends awaited) runs. */
        public Builder blockingExecutor(Executor value) {
            this.blocking = Objects.requireNonNull(value, "blocking");
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws IllegalStateException if a required part is missing or the port cannot be bound
         */
        public SessionServer start() {
            if (runtime == null || tokens == null || defaults == null) {
                throw new IllegalStateException("a SessionServer needs runtime(...), tokens(...) and sessionDefaults(...)");
            }
            return new SessionServer(this);
        }
    }
}
