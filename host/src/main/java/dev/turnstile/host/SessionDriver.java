package dev.turnstile.host;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.observe.ObservationHub;
import dev.turnstile.host.store.CheckpointStore;
import dev.turnstile.host.store.JournalWriter;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.machine.Wake;
import dev.turnstile.replay.EffectSignatures;
import dev.turnstile.replay.JournalRecord;
import dev.turnstile.replay.JournalRecords;
import io.vavr.control.Option;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs one session: takes one input at a time, steps the machine, makes the input durable in the
 * journal, and only then executes the step's effects and re-arms the single wake timer. Results of
 * effects come back as new inputs through {@link #submit}.
 *
 * <p>Confinement: every field below the constructor's is touched only on the session's serial
 * executor, so the machine needs no locks. Journal appends run on the blocking executor and hop back.
 *
 * <p>Write-ahead: the machine is pure, so the driver may compute a step before the input is durable;
 * what matters is that no effect of a step runs, and no caller is told its input was accepted, before
 * the input is in the journal. A crash before the append loses only an unacknowledged input.
 */
public final class SessionDriver {

    private static final System.Logger LOG = System.getLogger(SessionDriver.class.getName());

    private final TurnMachine machine;
    private final JournalWriter journal;
    private final CheckpointStore checkpoints;
    private final RuntimeEnvironment env;
    private final Executor serial;
    private final EffectPorts ports;
    private final ObservationHub hub;
    private final EffectDispatcher dispatcher;
    private volatile SessionState state;

    private final ArrayDeque<Pending> inbox = new ArrayDeque<>();
    private final TreeMap<EffectId, Runnable> inFlight = new TreeMap<>();
    private boolean busy;
    private boolean closing;
    private CompletableFuture<Void> closeRequested;
    private boolean closeStarted;
    private Throwable failure;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private Option<Wake> armedWake = Option.none();
    private WakeTimer.Handle armedTimer;
    private long timerGeneration;

    private record Pending(Function<Instant, Input> input, CompletableFuture<Long> accepted) {}

    SessionDriver(TurnMachine machine, SessionState state, JournalWriter journal, CheckpointStore checkpoints,
            RuntimeEnvironment env, EffectPorts ports, int observationCapacity) {
        this.machine = machine;
        this.state = state;
        this.journal = journal;
        this.checkpoints = checkpoints;
        this.env = env;
        this.serial = env.newSessionExecutor(state.sessionId());
        this.ports = ports;
        this.hub = new ObservationHub(observationCapacity, () -> this.state);
        this.dispatcher = new EffectDispatcher(this);
    }

    /** The session id. */
    public String sessionId() {
        return state.sessionId();
    }

    /** The latest state (safe to read from any thread: states are immutable). */
    public SessionState state() {
        return state;
    }

    /** Completes when the session has closed or failed; its journal writer is closed by then. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The session's observations. */
    public ObservationHub observations() {
        return hub;
    }

    /**
     * Queues an input; its instant is stamped from the clock when its turn comes. The future completes
     * with the journal sequence number once the input is durable, or exceptionally when the session is
     * closed or failed.
     */
    public CompletableFuture<Long> submit(Function<Instant, Input> input) {
        CompletableFuture<Long> accepted = new CompletableFuture<>();
        serial.execute(() -> {
            if (closing || failure != null) {
                accepted.completeExceptionally(closedException());
                return;
            }
            inbox.add(new Pending(input, accepted));
            pump();
        });
        return accepted;
    }

    /** Submits a result of an effect, unless the effect was abandoned meanwhile (then the result is moot). */
    void submitResult(EffectId id, Function<Instant, Input> input) {
        serial.execute(() -> {
            if (inFlight.remove(id) == null) {
                LOG.log(Level.DEBUG, "dropping the result of {0}: it was abandoned", id);
                return;
            }
            if (closing || failure != null) {
                return;
            }
            inbox.add(new Pending(input, new CompletableFuture<>()));
            pump();
        });
    }

    /** Publishes a live delta of an in-flight model call, in order with the session's events. */
    void publishDelta(EffectId id, dev.turnstile.wire.StreamDelta delta) {
        serial.execute(() -> {
            if (inFlight.containsKey(id)) {
                hub.publish(id, delta);
            }
        });
    }

    /**
     * Closes the session: a running turn is cancelled (its open tool calls answered), in-flight work
     * abandoned, the journal flushed and closed. Idempotent; later submits fail.
     */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        serial.execute(() -> {
            if (closeRequested != null) {
                closeRequested.whenComplete((ignored, error) -> closed.complete(null));
                return;
            }
            closing = true;
            closeRequested = closed;
            if (failure != null) {
                closed.complete(null);
                return;
            }
            maybeFinishClose();
        });
        return closed;
    }

    /**
     * Closes once everything accepted before close() has been stepped and journaled (an append may be
     * waiting for its fsync), cancelling a running turn first — and again if the cancel started a queued
     * turn — so no effect is started after close completes.
     */
    private void maybeFinishClose() {
        if (closeRequested == null || closeStarted || busy || !inbox.isEmpty() || failure != null) {
            return;
        }
        if (state.turnRunning()) {
            inbox.add(new Pending(at -> new Input.CancelRequested(at, "session closed"), new CompletableFuture<>()));
            pump();
            return;
        }
        closeStarted = true;
        finishClose(closeRequested);
    }

    private void finishClose(CompletableFuture<Void> closed) {
        inFlight.values().forEach(Runnable::run);
        inFlight.clear();
        if (armedTimer != null) {
            armedTimer.cancel();
        }
        env.blockingExecutor().execute(() -> {
            try {
                journal.close();
                closed.complete(null);
            } catch (Throwable t) {
                closed.completeExceptionally(t);
            } finally {
                hub.close();
                terminated.complete(null);
            }
        });
    }

    private void pump() {
        // Inputs queued before close() still run: close waits for them, then for its own cancel.
        if (busy) {
            return;
        }
        if (inbox.isEmpty()) {
            maybeFinishClose();
            return;
        }
        Pending next = inbox.poll();
        if (failure != null) {
            next.accepted().completeExceptionally(closedException());
            pump();
            return;
        }
        Input input = next.input().apply(env.clock().instant());
        Step step;
        String record;
        try {
            step = machine.step(state, input);
            record = JournalRecords.encode(new JournalRecord(input, EffectSignatures.of(step.effects())));
        } catch (RuntimeException broken) {
            fail(broken, next.accepted());
            return;
        }
        busy = true;
        env.blockingExecutor().execute(() -> {
            try {
                long sequence = journal.append(record);
                serial.execute(() -> apply(step, sequence, next.accepted()));
            } catch (Throwable t) {
                serial.execute(() -> fail(t, next.accepted()));
            }
        });
    }

    private void apply(Step step, long sequence, CompletableFuture<Long> accepted) {
        state = step.state();
        try {
            for (Effect effect : step.effects()) {
                dispatcher.dispatch(effect, sequence);
            }
        } catch (RuntimeException broken) {
            // The input is durable, so recovery can resume from here; continuing with half the effects
            // dispatched could not be trusted, and leaving busy set would hang the session.
            fail(broken, accepted);
            return;
        }
        rearm(step.wake());
        busy = false;
        accepted.complete(sequence);
        pump();
    }

    private void rearm(Option<Wake> wake) {
        if (wake.equals(armedWake)) {
            return;
        }
        if (armedTimer != null) {
            armedTimer.cancel();
            armedTimer = null;
        }
        armedWake = wake;
        // Fix (adapters-blocking helper): a timer that fired just before it was re-armed still queues its
        // task; without the generation check that stale task cleared the new timer's handle and wake, so
        // the next step armed a duplicate timer and an extra TimeAdvanced got journaled.
        long generation = ++timerGeneration;
        if (wake.isDefined()) {
            armedTimer = env.timer().schedule(wake.get().at(),
                    () -> serial.execute(() -> {
                        if (generation != timerGeneration) {
                            return;
                        }
                        armedTimer = null;
                        armedWake = Option.none();
                        if (!closing && failure == null) {
                            inbox.add(new Pending(Input.TimeAdvanced::new, new CompletableFuture<>()));
                            pump();
                        }
                    }));
        }
    }

    private void fail(Throwable t, CompletableFuture<Long> accepted) {
        // Sticky: a journal that cannot be written or a broken machine invariant ends the session here;
        // its journal up to the last durable record stays valid for recovery and replay.
        failure = t;
        busy = false;
        LOG.log(Level.ERROR, "session " + state.sessionId() + " failed: " + t);
        accepted.completeExceptionally(closedException());
        inFlight.values().forEach(Runnable::run);
        inFlight.clear();
        while (!inbox.isEmpty()) {
            inbox.poll().accepted().completeExceptionally(closedException());
        }
        if (armedTimer != null) {
            armedTimer.cancel();
        }
        hub.close();
        // Release the writer so the session can be resumed (in this runtime or another) from its journal.
        env.blockingExecutor().execute(() -> {
            try {
                journal.close();
            } catch (Throwable closeFailure) {
                LOG.log(Level.WARNING, "closing the journal of failed session " + state.sessionId() + ": " + closeFailure);
            } finally {
                terminated.complete(null);
                if (closeRequested != null) {
                    closeRequested.complete(null);
                }
            }
        });
    }

    private SessionClosedException closedException() {
        return failure != null
                ? new SessionClosedException("session " + state.sessionId() + " failed: " + failure, failure)
                : new SessionClosedException("session " + state.sessionId() + " is closed");
    }

    // --- used by EffectDispatcher, on the serial executor ---

    void track(EffectId id, Runnable cancel) {
        inFlight.put(id, cancel);
    }

    void abandon(EffectId id) {
        Runnable cancel = inFlight.remove(id);
        if (cancel != null) {
            cancel.run();
        }
    }

    void saveCheckpoint(SessionState snapshot, long sequence) {
        String json = MachineCodec.encodeState(snapshot);
        env.blockingExecutor().execute(() -> {
            try {
                checkpoints.save(snapshot.sessionId(), sequence, json);
            } catch (Throwable t) {
                // Fire-and-forget: the journal is the source of truth; recovery just replays more.
                LOG.log(Level.WARNING, "checkpoint of session " + snapshot.sessionId() + " at " + sequence
                        + " failed: " + t);
            }
        });
    }

    EffectPorts ports() {
        return ports;
    }

    RuntimeEnvironment env() {
        return env;
    }

    SessionState currentState() {
        return state;
    }
}
