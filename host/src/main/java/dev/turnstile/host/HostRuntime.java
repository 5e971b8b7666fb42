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
    private final int maxOpenSessions;
    private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<Void>> parking =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final TreeMap<String, Session> open = new TreeMap<>();
    private boolean closed;

    /**
     * @param observationCapacity observations retained per session for observers that fall behind
     */
    public HostRuntime(RuntimeEnvironment env, Journal journal, CheckpointStore checkpoints, EffectPorts ports,
            int observationCapacity) {
        this(env, journal, checkpoints, ports, observationCapacity, Integer.MAX_VALUE);
    }

    /**
     * @param observationCapacity observations retained per session for observers that fall behind
     * @param maxOpenSessions sessions kept open in memory; at the cap, opening or resuming another parks
     *     the least recently active idle session (closes it; its journal stays in the store and
     *     {@link #resume} brings it back), and is refused when every open session is mid-turn
     */
    public HostRuntime(RuntimeEnvironment env, Journal journal, CheckpointStore checkpoints, EffectPorts ports,
            int observationCapacity, int maxOpenSessions) {
        this.env = Objects.requireNonNull(env, "env");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.observationCapacity = observationCapacity;
        if (maxOpenSessions < 1) {
            throw new IllegalArgumentException("maxOpenSessions must be positive, got " + maxOpenSessions);
        }
        this.maxOpenSessions = maxOpenSessions;
    }

    @Override
    public synchronized Session open(SessionOptions options) {
        requireOpen();
        makeRoom();
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
        CompletableFuture<Void> beingParked = parking.get(sessionId);
        if (beingParked != null) {
            beingParked.join();
        }
        makeRoom();
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

    /** Parks the least recently active idle session when the registry is at its cap. */
    private void makeRoom() {
        if (open.size() < maxOpenSessions) {
            return;
        }
        Option<Session> idlest = Vector.ofAll(open.values())
                .filter(s -> !s.snapshot().turnRunning())
                .minBy(s -> s.snapshot().now());
        if (idlest.isEmpty()) {
            throw new IllegalStateException("all " + maxOpenSessions + " open sessions are mid-turn; none can be parked"
                    + " to make room (raise maxOpenSessions or close a session)");
        }
        Session parked = idlest.get();
        open.remove(parked.id());
        // Closing an idle session cancels nothing: it flushes and closes its journal, which resume() reopens.
        // Not awaited here (the session's executor may be the caller's own); resume() waits for it instead.
        CompletableFuture<Void> closing = parked.close();
        parking.put(parked.id(), closing);
        closing.whenComplete((ignored, error) -> parking.remove(parked.id(), closing));
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
