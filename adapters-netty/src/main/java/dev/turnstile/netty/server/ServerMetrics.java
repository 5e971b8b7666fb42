package dev.turnstile.netty.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of a {@link SessionServer}, for monitoring and tests. Thread-safe. */
public final class ServerMetrics {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong eventStreamsOpened = new AtomicLong();
    private final AtomicLong eventStreamsOpen = new AtomicLong();
    private final AtomicLong slowConsumersDisconnected = new AtomicLong();
    private final List<Runnable> slowConsumerListeners = new CopyOnWriteArrayList<>();

    ServerMetrics() {}

    /** Requests received (including rejected ones). */
    public long requests() {
        return requests.get();
    }

    /** Event streams opened since start. */
    public long eventStreamsOpened() {
        return eventStreamsOpened.get();
    }

    /** Event streams open now. */
    public long eventStreamsOpen() {
        return eventStreamsOpen.get();
    }

    /** Event streams closed because their client did not read for longer than the grace period. */
    public long slowConsumersDisconnected() {
        return slowConsumersDisconnected.get();
    }

    void requestReceived() {
        requests.incrementAndGet();
    }

    void streamOpened() {
        eventStreamsOpened.incrementAndGet();
        eventStreamsOpen.incrementAndGet();
    }

    void streamClosed() {
        eventStreamsOpen.decrementAndGet();
    }

    /**
     * Calls {@code listener} (on an event loop: do not block) each time a slow consumer is
     * disconnected, for alerting; returns a remover.
     */
    public Runnable onSlowConsumerDisconnected(Runnable listener) {
        slowConsumerListeners.add(listener);
        return () -> slowConsumerListeners.remove(listener);
    }

    void slowConsumerDisconnected() {
        slowConsumersDisconnected.incrementAndGet();
        slowConsumerListeners.forEach(Runnable::run);
    }
}
