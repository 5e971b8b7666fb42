package dev.turnstile.netty;

import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.BudgetGuard;
import dev.turnstile.host.EffectPorts;
import dev.turnstile.host.HostRuntime;
import dev.turnstile.host.HostedRuntime;
import dev.turnstile.host.ModelClient;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.Tool;
import dev.turnstile.host.store.CheckpointStore;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.store.FileJournalOptions;
import dev.turnstile.host.store.InMemoryJournal;
import dev.turnstile.host.store.Journal;
import dev.turnstile.machine.Effect;
import dev.turnstile.netty.http.HttpClientSettings;
import dev.turnstile.netty.http.NettyHttpClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.net.ssl.TrustManagerFactory;

/**
 * The event-loop runtime: sessions hosted by the shared {@link HostRuntime}, each confined to one
 * event loop of a NIO {@link MultiThreadIoEventLoopGroup} (the loop is the session's serial executor,
 * so the machine needs no locks), blocking work (journal appends, checkpoints, blocking tools)
 * offloaded to a {@link BoundedBlockingExecutor}, one wake-up per session scheduled on its loop, and
 * model calls on a pooled Netty HTTP client sharing the same loops.
 *
 * <pre>{@code
 * try (NettyRuntime runtime = NettyRuntime.builder()
 *         .store(Path.of("sessions"))
 *         .model(http -> OpenAiChatClient.builder().apiKeyFromEnv("OPENAI_API_KEY").httpClient(http).build())
 *         .tools(Tools.fromObject(new Weather()))
 *         .build()) {
 *     Session session = runtime.open(SessionOptions.of("chat-1", MachineConfig.builder("gpt-4o").build()));
 *     long before = session.observations().lastCursor();
 *     session.send("What is the weather in Oslo?").join();
 *     Outcome outcome = session.turnFinished(before).join();
 * }
 * }</pre>
 *
 * Switching from the blocking runtime is a matter of building this one instead: both are
 * {@link AgentRuntime}s and their builders share their setters ({@code model}, {@code tool(s)},
 * {@code store}, {@code clock}, {@code budgetGuard}, {@code onApprovalRequested},
 * {@code observationCapacity}). A model client of either adapter works with either runtime; the ones
 * in {@code dev.turnstile.netty.http} built on the runtime's transport keep every byte on the loops.
 */
public final class NettyRuntime extends HostedRuntime {

    private static final System.Logger LOG = System.getLogger(NettyRuntime.class.getName());

    private final HostRuntime host;
    private final Journal journal;
    private final CheckpointStore checkpoints;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Executor blocking;
    private final BoundedBlockingExecutor ownedBlocking;
    private final NettyHttpClient http;
    private final AutoCloseable ownedModel;
    private final ModelClient model;

    private NettyRuntime(Builder b) {
        this.ownsGroup = b.group == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(b.eventLoopThreads, NioIoHandler.newFactory()) : b.group;
        this.ownedBlocking = b.blocking == null ? new BoundedBlockingExecutor(b.maxBlockingTasks, "turnstile-blocking-")
                : null;
        this.blocking = b.blocking != null ? b.blocking : ownedBlocking;
        NettyHttpClient.Builder httpBuilder = NettyHttpClient.builder().eventLoopGroup(group).resolverExecutor(blocking)
                .settings(b.httpSettings);
        if (b.trust != null) {
            httpBuilder.trustManager(b.trust);
        }
        NettyHttpClient transport = null;
        AutoCloseable builtModel = null;
        try {
            transport = httpBuilder.build();
            ModelClient model = b.model != null ? b.model : Objects.requireNonNull(b.modelFactory.apply(transport),
                    "the model factory returned null");
            // Like the blocking runtime: the model client is closed with the runtime when it can be.
            builtModel = model instanceof AutoCloseable closeable ? closeable : null;
            this.journal = b.journal != null ? b.journal : b.storeDirectory != null
                    ? FileJournal.open(b.storeDirectory, b.storeOptions) : new InMemoryJournal();
            this.checkpoints = b.checkpoints != null ? b.checkpoints : checkpointsOf(journal);
            this.model = model;
            EffectPorts ports = new EffectPorts(model, b.tools, b.budgetGuard, b.approvalListener);
            this.host = new HostRuntime(NettyEnvironment.of(group, blocking, b.clock), journal, checkpoints, ports,
                    b.observationCapacity);
        } catch (RuntimeException e) {
            // Nothing half-built may keep threads alive: the caller never gets a runtime to close.
            closeQuietly(builtModel);
            closeQuietly(transport);
            closeQuietly(ownedBlocking);
            if (ownsGroup) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
        this.http = transport;
        this.ownedModel = builtModel;
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + resource + " failed: " + e);
        }
    }

    private static CheckpointStore checkpointsOf(Journal journal) {
        return switch (journal) {
            case FileJournal file -> file.checkpoints();
            case InMemoryJournal memory -> memory.checkpoints();
            default -> throw new IllegalArgumentException("give the checkpoint store of a custom journal with "
                    + "store(journal, checkpoints)");
        };
    }

    /** A builder; {@link Builder#model} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected HostRuntime host() {
        return host;
    }

    /** The journal sessions are stored in (read it for downloads and replay). */
    public Journal journal() {
        return journal;
    }

    /** The event loops sessions and model connections run on. */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /** Where blocking work runs. */
    public Executor blockingExecutor() {
        return blocking;
    }

    /** The HTTP transport model clients built by {@link Builder#model(Function)} share. */
    public NettyHttpClient httpClient() {
        return http;
    }

    /**
     * Closes every session (cancelling running turns), the store, the model client if the runtime
     * built it, the HTTP transport, and the executors and event loops the runtime created.
     */
    @Override
    public void close() {
        host.close();
        closeQuietly(ownedModel);
        http.close();
        closeQuietly(ownedBlocking);
        if (ownsGroup) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "NettyRuntime[" + model + ", open sessions " + host.openSessions() + "]";
    }

    /**
     * Builds a {@link NettyRuntime}. The setters the blocking runtime's builder has work the same
     * here; the rest (event loops, blocking executor, HTTP transport) are this runtime's own. Not
     * thread-safe; build once.
     */
    public static final class Builder {

        /** Default number of observations retained per session for observers that fall behind. */
        public static final int DEFAULT_OBSERVATION_CAPACITY = 4096;
        /** Default bound on blocking tasks running at once (see {@link BoundedBlockingExecutor}). */
        public static final int DEFAULT_MAX_BLOCKING_TASKS = 64;

        private ModelClient model;
        private Function<NettyHttpClient, ModelClient> modelFactory;
        private TreeMap<String, Tool> tools = TreeMap.empty();
        private Option<BudgetGuard> budgetGuard = Option.none();
        private BiConsumer<String, Effect.RequestApproval> approvalListener = (sessionId, request) -> { };
        private Journal journal;
        private CheckpointStore checkpoints;
        private Path storeDirectory;
        private FileJournalOptions storeOptions = FileJournalOptions.defaults();
        private InstantSource clock = InstantSource.system();
        private int observationCapacity = DEFAULT_OBSERVATION_CAPACITY;
        private EventLoopGroup group;
        private int eventLoopThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private Executor blocking;
        private int maxBlockingTasks = DEFAULT_MAX_BLOCKING_TASKS;
        private HttpClientSettings httpSettings = HttpClientSettings.DEFAULTS;
        private TrustManagerFactory trust;

        private Builder() {}

        /**
         * The model client every session calls (any implementation: scripted, the blocking adapter's, or
         * one of {@code dev.turnstile.netty.http}). Closed with the runtime if it is AutoCloseable.
         */
        public Builder model(ModelClient value) {
            this.model = Objects.requireNonNull(value, "model");
            this.modelFactory = null;
            return this;
        }

        /**
         * A model client built on the runtime's own HTTP transport, so that its connections run on the
         * session event loops: {@code .model(http -> OpenAiChatClient.builder().httpClient(http).build())}.
         */
        public Builder model(Function<NettyHttpClient, ModelClient> factory) {
            this.modelFactory = Objects.requireNonNull(factory, "factory");
            this.model = null;
            return this;
        }

        /** Registers a tool. Sessions whose config lists no tools are offered every registered tool. */
        public Builder tool(Tool value) {
            Objects.requireNonNull(value, "tool");
            String name = value.spec().name();
            if (tools.containsKey(name)) {
                throw new IllegalArgumentException("a tool named \"" + name + "\" is already registered");
            }
            tools = tools.put(name, value);
            return this;
        }

        /** Registers tools, e.g. those of {@code Tools.fromObject(...)}. */
        public Builder tools(Collection<? extends Tool> values) {
            values.forEach(this::tool);
            return this;
        }

        /** Keeps journals and checkpoints in files under {@code directory} (created if needed). */
        public Builder store(Path directory) {
            return store(directory, FileJournalOptions.defaults());
        }

        /** Keeps journals and checkpoints in files under {@code directory}, with these options. */
        public Builder store(Path directory, FileJournalOptions options) {
            this.storeDirectory = Objects.requireNonNull(directory, "directory");
            this.storeOptions = Objects.requireNonNull(options, "options");
            this.journal = null;
            this.checkpoints = null;
            return this;
        }

        /** Keeps journals and checkpoints in memory: lost when the runtime closes. The default. */
        public Builder inMemoryStore() {
            this.storeDirectory = null;
            this.journal = null;
            this.checkpoints = null;
            return this;
        }

        /** Uses a journal and checkpoint store of your own; the runtime closes the journal when it closes. */
        public Builder store(Journal value, CheckpointStore checkpointStore) {
            this.journal = Objects.requireNonNull(value, "journal");
            this.checkpoints = Objects.requireNonNull(checkpointStore, "checkpoints");
            this.storeDirectory = null;
            return this;
        }

        /** The clock that stamps inputs and measures wake-ups. Default the system clock. */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The host budget guard, asked when a session's budget policy sets a guard deadline. */
        public Builder budgetGuard(BudgetGuard value) {
            this.budgetGuard = Option.some(Objects.requireNonNull(value, "budgetGuard"));
            return this;
        }

        /**
         * Told (session id, request) whenever a tool call waits for a human; decide with
         * {@link Session#approve} or {@link Session#deny}. Called on the session's event loop: do not
         * block in it.
         */
        public Builder onApprovalRequested(BiConsumer<String, Effect.RequestApproval> value) {
            this.approvalListener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** Observations retained per session; readers further behind get a gap and a snapshot. */
        public Builder observationCapacity(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("observationCapacity must be positive, got " + value);
            }
            this.observationCapacity = value;
            return this;
        }

        /** Event loop threads of the runtime's own group; default one per available processor. */
        public Builder eventLoopThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("eventLoopThreads must be positive, got " + value);
            }
            this.eventLoopThreads = value;
            return this;
        }

        /**
         * Runs on a shared NIO event loop group (built with {@link NioIoHandler}) instead of its own;
         * the runtime does not shut it down.
         */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = Objects.requireNonNull(value, "group");
            return this;
        }

        /** Blocking tasks (journal, checkpoints, blocking tools) running at once; default {@value #DEFAULT_MAX_BLOCKING_TASKS}. */
        public Builder maxBlockingTasks(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxBlockingTasks must be positive, got " + value);
            }
            this.maxBlockingTasks = value;
            return this;
        }

        /** Runs blocking work on an executor of your own; it must never run tasks on an event loop. */
        public Builder blockingExecutor(Executor value) {
            this.blocking = Objects.requireNonNull(value, "blocking");
            return this;
        }

        /** Limits and timeouts of the runtime's HTTP transport. */
        public Builder httpSettings(HttpClientSettings value) {
            this.httpSettings = Objects.requireNonNull(value, "httpSettings");
            return this;
        }

        /** Certificates the runtime's HTTP transport trusts; default the JDK's trust store. */
        public Builder trustManager(TrustManagerFactory value) {
            this.trust = Objects.requireNonNull(value, "trust");
            return this;
        }

        /**
         * The runtime; opens the store.
         *
         * @throws IllegalStateException if no model was given
         */
        public NettyRuntime build() {
            if (model == null && modelFactory == null) {
                throw new IllegalStateException("a model client is required: call model(...)");
            }
            return new NettyRuntime(this);
        }
    }
}
