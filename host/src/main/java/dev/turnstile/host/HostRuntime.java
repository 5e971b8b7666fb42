package dev.turnstile.host;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.store.CheckpointStore;
import dev.turnstile.host.store.Journal;
import dev.turnstile.host.store.JournalWriter;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.model.ToolSpec;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The session registry shared by both adapters: opens, resumes, finds and closes sessions over one
 * journal and checkpoint store. Adapters differ only in the {@link RuntimeEnvironment} and model
 * client they pass in, which is why both produce byte-identical journals for the same world.
 */
public final class HostRuntime implements AgentRuntime {

    private static final long CLOSE_ALL_TIMEOUT_SECONDS = 30;

    // Fix (adapters-blocking helper): JournalHeader.of gained a machineVersion argument (diagnostics
    // when a replay diverges). The jar manifest's version when packaged, "dev" when run from classes.


    private final RuntimeEnvironment env;
    private final Journal journal;
    private final CheckpointStore checkpoints;
    private final EffectPorts ports;
    private final int observationCapacity;
    private final TreeMap<String, Session> open = new TreeMap<>();
    private boolean closed;

    /**
     * @param observationCapacity observations retained per session for observers that fall behind
     */
    public HostRuntime(RuntimeEnvironment env, Journal journal, CheckpointStore checkpoints, EffectPorts ports,
            int observationCapacity) {
        this.env = Objects.requireNonNull(env, "env");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.observationCapacity = observationCapacity;
    }

    @Override
    public synchronized Session open(SessionOptions options) {
        requireOpen();
        MachineConfig config = withRegisteredTools(options.config());
        long seed = options.seed().getOrElse(() -> derivedSeed(options.sessionId()));
        Instant startedAt = env.clock().instant();
        JournalHeader header = JournalHeader.of(options.sessionId(), seed, startedAt, options.labels(), config,
                TurnMachine.VERSION);
        JournalWriter writer = journal.create(options.sessionId(), MachineCodec.encodeHeader(header));
        TurnMachine machine = new TurnMachine(config);
        SessionState state = machine.start(options.sessionId(), seed, startedAt, options.labels());
        return register(new SessionDriver(machine, state, writer, checkpoints, env, ports, observationCapacity));
    }

    @Override
    public synchronized Session resume(String sessionId) {
        requireOpen();
        if (open.containsKey(sessionId)) {
            throw new IllegalStateException("session " + sessionId + " is already open in this runtime");
        }
        SessionRecovery.Recovered recovered = SessionRecovery.recover(journal, checkpoints, sessionId);
        requireToolsRegistered(recovered.machine().config());
        Session session = register(new SessionDriver(recovered.machine(), recovered.state(), recovered.writer(),
                checkpoints, env, ports, observationCapacity));
        session.driver().submit(dev.turnstile.machine.Input.Recovered::new);
        return session;
    }

    @Override
    public synchronized Option<Session> find(String sessionId) {
        return Option.of(open.get(sessionId));
    }

    @Override
    public synchronized Vector<String> openSessions() {
        return Vector.ofAll(open.keySet());
    }

    @Override
    public Vector<String> storedSessions() {
        return Vector.ofAll(journal.sessions()).sorted();
    }

    @Override
    public CompletableFuture<Void> close(String sessionId) {
        Session session;
        synchronized (this) {
            session = open.remove(sessionId);
        }
        return session == null ? CompletableFuture.completedFuture(null) : session.close();
    }

    @Override
    public void close() {
        Vector<Session> sessions;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            sessions = Vector.ofAll(open.values());
            open.clear();
        }
        CompletableFuture<?>[] closing = sessions.map(Session::close).toJavaArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(CLOSE_ALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.getLogger(HostRuntime.class.getName()).log(System.Logger.Level.WARNING,
                    "closing sessions did not finish cleanly: " + e);
        } finally {
            journal.close();
        }
    }

    private Session register(SessionDriver driver) {
        Session session = new Session(driver);
        open.put(driver.sessionId(), session);
        // However a session ends (closed through the runtime, through the session, or failed), it leaves
        // the registry, so it can be resumed and is no longer found.
        driver.terminated().whenComplete((ignored, error) -> {
            synchronized (this) {
                open.remove(driver.sessionId(), session);
            }
        });
        return session;
    }

    private MachineConfig withRegisteredTools(MachineConfig config) {
        if (config.tools().isEmpty()) {
            return config.toBuilder().tools(Vector.ofAll(ports.tools().values()).map(Tool::spec)).build();
        }
        requireToolsRegistered(config);
        return config;
    }

    private void requireToolsRegistered(MachineConfig config) {
        Vector<String> missing = config.tools().map(ToolSpec::name).filter(n -> ports.tools().get(n).isEmpty());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the session's config offers tools this runtime has no implementation"
                    + " for: " + missing.mkString(", ") + " (register them before opening or resuming)");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the runtime is closed");
        }
    }

    // A stable seed from the id: a session's behaviour then depends only on what its journal holds.
    private static long derivedSeed(String sessionId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < sessionId.length(); i++) {
            h = (h ^ sessionId.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
