package dev.turnstile.blocking;

import dev.turnstile.host.WakeTimer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The wake timer of every session of a runtime: one daemon scheduler thread that only keeps time and
 * hands each due task to a virtual thread, so a slow task never delays another session's wake-up.
 * Delays are measured on the runtime's clock when the task is scheduled; the machine tolerates early
 * or late wake-ups (a wake-up with nothing expired changes nothing).
 */
final class ScheduledWakeTimer implements WakeTimer {

    private final ScheduledExecutorService scheduler;
    private final Executor runner;
    private final InstantSource clock;

    ScheduledWakeTimer(ScheduledExecutorService scheduler, Executor runner, InstantSource clock) {
        this.scheduler = scheduler;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public Handle schedule(Instant at, Runnable task) {
        long delayNanos = Math.max(0, saturatedNanos(Duration.between(clock.instant(), at)));
        try {
            ScheduledFuture<?> future = scheduler.schedule(() -> hand(task), delayNanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { }; // shutting down: nothing will wake anyone any more
        }
    }

    private void hand(Runnable task) {
        try {
            runner.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? 0 : Long.MAX_VALUE / 2;
        }
    }
}
