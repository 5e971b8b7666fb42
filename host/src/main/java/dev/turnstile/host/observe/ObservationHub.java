package dev.turnstile.host.observe;

import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.SessionState;
import dev.turnstile.wire.StreamDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One session's observations in a bounded ring buffer. Every event and live delta gets the next
 * cursor; readers pull from any cursor at their own pace (so a slow reader never makes the session
 * buffer without bound), and are told with a {@link Observation.Gap} plus a fresh snapshot when they
 * fell behind the buffer, never silently missing anything. Listeners are only woken, they pull.
 *
 * <p>Thread-safe: the session publishes from its executor, readers read from anywhere.
 */
public final class ObservationHub {

    private final Observation[] ring;
    private final Supplier<SessionState> snapshot;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long lastCursor;
    private boolean closed;

    /**
     * @param capacity how many observations to retain
     * @param snapshot the session's current state, for gaps
     */
    public ObservationHub(int capacity, Supplier<SessionState> snapshot) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.ring = new Observation[capacity];
        this.snapshot = snapshot;
    }

    /** Publishes an event; returns its cursor. */
    public long publish(Event event) {
        long cursor;
        synchronized (this) {
            cursor = ++lastCursor;
            ring[(int) (cursor % ring.length)] = new Observation.EventObserved(cursor, event);
        }
        wake();
        return cursor;
    }

    /** Publishes a live delta; returns its cursor. */
    public long publish(EffectId effectId, StreamDelta delta) {
        long cursor;
        synchronized (this) {
            cursor = ++lastCursor;
            ring[(int) (cursor % ring.length)] = new Observation.DeltaObserved(cursor, effectId, delta);
        }
        wake();
        return cursor;
    }

    /** The cursor of the newest observation, 0 before the first. Survives buffer trimming. */
    public synchronized long lastCursor() {
        return lastCursor;
    }

    /** Whether the session is closed: no more observations will come. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Up to {@code max} observations after {@code after}, oldest first; a {@link Observation.Gap} first
     * when some were already trimmed.
     *
     * @throws IllegalArgumentException if {@code after} is ahead of the newest cursor
     */
    public List<Observation> read(long after, int max) {
        List<Observation> out = new ArrayList<>(Math.min(max, 64));
        synchronized (this) {
            if (after > lastCursor) {
                throw new IllegalArgumentException("cursor " + after + " is ahead of the newest cursor " + lastCursor);
            }
            long oldestRetained = Math.max(1, lastCursor - ring.length + 1);
            if (after + 1 < oldestRetained) {
                // Fell behind: a snapshot replaces everything up to now; the reader continues after it.
                out.add(new Observation.Gap(after, lastCursor, snapshot.get()));
                return out;
            }
            for (long c = after + 1; c <= lastCursor && out.size() < max; c++) {
                out.add(ring[(int) (c % ring.length)]);
            }
        }
        return out;
    }

    /** Calls {@code listener} whenever something is published or the hub closes; returns a remover. */
    public Runnable onPublish(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Marks the end of the session's observations and wakes readers. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        wake();
    }

    private void wake() {
        for (Runnable listener : listeners) {
            // Fix (adapters-blocking helper): listeners run on the session's executor, inside the driver's
            // dispatch loop; one that throws must not abort the loop (that hung the session) or starve the
            // listeners after it.
            try {
                listener.run();
            } catch (RuntimeException e) {
                System.getLogger(ObservationHub.class.getName()).log(System.Logger.Level.WARNING,
                        "an observation listener failed: " + e);
            }
        }
    }
}
