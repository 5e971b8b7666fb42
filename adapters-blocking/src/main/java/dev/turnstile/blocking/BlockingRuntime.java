package dev.turnstile.blocking;

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
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The blocking adapter: an {@link AgentRuntime} on virtual threads. Sessions run one input at a time
 * on their own serial executor, blocking tools and journal writes get a virtual thread each, and one
 * daemon thread keeps time for all wake-ups. Model calls go through a {@link ModelClient}, typically
 * {@link dev.turnstile.blocking.http.OpenAiChatClient} or
 * {@link dev.turnstile.blocking.http.AnthropicMessagesClient}.
 *
 * <pre>{@code
 * try (BlockingRuntime runtime = BlockingRuntime.builder()
 *         .model(OpenAiChatClient.builder().apiKeyFromEnv("OPENAI_API_KEY").build())
 *         .tools(Tools.fromObject(new Weather()))
 *         .store(Path.of("var/turnstile"))
 *         .build()) {
 *     Session session = runtime.open(SessionOptions.of("chat-1", MachineConfig.builder("gpt-4o-mini").build()));
 *     long cursor = session.observations().lastCursor();
 *     session.send("What's the weather in Oslo?").join();
 *     Outcome outcome = session.turnFinished(cursor).get(2, TimeUnit.MINUTES);
 * }
 * }</pre>
 *
 * <p>Closing the runtime closes every open session (cancelling running turns), then the store, the
 * model client (when it is {@link AutoCloseable}) and the threads.
 */
public final class BlockingRuntime extends HostedRuntime {

    private static final System.Logger LOG = System.getLogger(BlockingRuntime.class.getName());

    private final HostRuntime host;
    private final VirtualThreadEnvironment env;
    private final ModelClient model;

    private BlockingRuntime(HostRuntime host, VirtualThreadEnvironment env, ModelClient model) {
        this.host = host;
        this.env = env;
        this.model = model;
    }

    /** A builder: a model client is required; the store defaults to in memory. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected HostRuntime host() {
        return host;
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "closing the model client failed: " + e);
                }
            }
            env.close();
        }
    }

    @Override
    public String toString() {
        return "BlockingRuntime[" + model + ", open sessions " + host.openSessions() + "]";
    }

    /** Builds a {@link BlockingRuntime}. Not thread-safe; build once. */
    public static final class Builder {

        /** Default number of observations retained per session for observers that fall behind. */
        public static final int DEFAULT_OBSERVATION_CAPACITY = 4096;

        private ModelClient model;
        private TreeMap<String, Tool> tools = TreeMap.empty();
        private Supplier<Store> store = () -> inMemory();
        private InstantSource clock = InstantSource.system();
        private Option<BudgetGuard> budgetGuard = Option.none();
        private BiConsumer<String, Effect.RequestApproval> approvalListener = (sessionId, request) -> { };
        private int observationCapacity = DEFAULT_OBSERVATION_CAPACITY;

        private Builder() {}

        /** The model client every session calls. Required. Closed with the runtime if it is AutoCloseable. */
        public Builder model(ModelClient value) {
            this.model = Objects.requireNonNull(value, "model");
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
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(options, "options");
            this.store = () -> {
                FileJournal journal = FileJournal.open(directory, options);
                return new Store(journal, journal.checkpoints());
            };
            return this;
        }

        /** Keeps journals and checkpoints in memory: lost when the runtime closes. The default. */
        public Builder inMemoryStore() {
            this.store = () -> inMemory();
            return this;
        }

        /** Uses a journal and checkpoint store of your own; the runtime closes the journal when it closes. */
        public Builder store(Journal journal, CheckpointStore checkpoints) {
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(checkpoints, "checkpoints");
            this.store = () -> new Store(journal, checkpoints);
            return this;
        }

        /** The clock that stamps inputs and drives wake-ups. Default the system clock. */
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
         * {@link Session#approve} or {@link Session#deny}. The same request is also observable as an
         * {@code ApprovalRequested} event. Called on the session's thread: do not block in it.
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

        /** The runtime; opens the store. */
        public BlockingRuntime build() {
            if (model == null) {
                throw new IllegalStateException("a model client is required: call model(...)");
            }
            Store opened = store.get();
            VirtualThreadEnvironment env = new VirtualThreadEnvironment(clock);
            EffectPorts ports = new EffectPorts(model, tools, budgetGuard, approvalListener);
            HostRuntime host = new HostRuntime(env, opened.journal(), opened.checkpoints(), ports, observationCapacity);
            return new BlockingRuntime(host, env, model);
        }

        private static Store inMemory() {
            InMemoryJournal journal = new InMemoryJournal();
            return new Store(journal, journal.checkpoints());
        }
    }

    private record Store(Journal journal, CheckpointStore checkpoints) {}
}
