package dev.turnstile.host;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A deterministic {@link RuntimeEnvironment} for driver tests: every task (session, blocking work) goes
 * into one queue that the test runs step by step, timers are only recorded, and the clock is set by
 * hand. Interleavings that are races on real threads become a fixed order here.
 */
final class ManualEnvironment implements RuntimeEnvironment {

    /** A timer the driver armed. */
    static final class Armed {
        final Instant at;
        final Runnable task;
        boolean cancelled;

        Armed(Instant at, Runnable task) {
            this.at = at;
            this.task = task;
        }

        /** Runs the timer's task as if it fired now (it only queues the driver's work). */
        void fire() {
            task.run();
        }
    }

    final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    final List<Armed> timers = new ArrayList<>();
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public Executor newSessionExecutor(String sessionId) {
        return queue::add;
    }

    @Override
    public Executor blockingExecutor() {
        return queue::add;
    }

    @Override
    public WakeTimer timer() {
        return (at, task) -> {
            Armed armed = new Armed(at, task);
            timers.add(armed);
            return () -> armed.cancelled = true;
        };
    }

    @Override
    public InstantSource clock() {
        return () -> now;
    }

    /** Runs the next queued task. */
    void runOne() {
        queue.remove().run();
    }

    /** Runs tasks until none is left. */
    void runAll() {
        while (!queue.isEmpty()) {
            runOne();
        }
    }

    /** Timers armed and not cancelled. */
    List<Armed> live() {
        return timers.stream().filter(t -> !t.cancelled).toList();
    }
}
