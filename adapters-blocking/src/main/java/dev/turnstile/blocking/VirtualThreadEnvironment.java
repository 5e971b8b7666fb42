package dev.turnstile.blocking;

import dev.turnstile.host.RuntimeEnvironment;
import dev.turnstile.host.WakeTimer;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The blocking adapter's {@link RuntimeEnvironment}: everything runs on virtual threads. Each session
 * gets a {@link SerialExecutor} over them, journal writes and blocking tools get a virtual thread
 * each, and one daemon platform thread keeps time for all wake-ups.
 */
final class VirtualThreadEnvironment implements RuntimeEnvironment, AutoCloseable {

    private final ExecutorService virtualThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("turnstile-", 0).factory());
    private final ScheduledThreadPoolExecutor scheduler;
    private final WakeTimer timer;
    private final InstantSource clock;

    VirtualThreadEnvironment(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "turnstile-wake-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true); // re-armed timers are cancelled often; don't keep them
        this.timer = new ScheduledWakeTimer(scheduler, virtualThreads, clock);
    }

    @Override
    public Executor newSessionExecutor(String sessionId) {
        return new SerialExecutor("session " + sessionId, virtualThreads);
    }

    @Override
    public Executor blockingExecutor() {
        return virtualThreads;
    }

    @Override
    public WakeTimer timer() {
        return timer;
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    /**
     * Stops the timer and interrupts whatever still runs. Sessions are closed before this, so what is
     * left are tools that ignored their cancellation; they are not waited for.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        virtualThreads.shutdownNow();
    }
}
