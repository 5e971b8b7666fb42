package dev.turnstile.netty;

import dev.turnstile.host.WakeTimer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The wake timer on event loops: {@code EventLoop.schedule}. The session driver re-arms its one
 * timer from the session's own loop, so the wake-up is scheduled on, and fires on, that loop: no
 * thread hop and no lock. The delay is measured with the runtime's clock, the same clock that stamps
 * the {@code TimeAdvanced} input when the timer fires; if the two disagree slightly and nothing has
 * expired yet, the machine returns the same wake and the driver simply arms again.
 */
public final class EventLoopWakeTimer implements WakeTimer {

    /** Far enough: a wake further away than this is armed for this long and re-armed when it fires. */
    private static final long MAX_DELAY_NANOS = TimeUnit.DAYS.toNanos(365);

    private final EventLoopGroup group;
    private final InstantSource clock;

    /**
     * @param group where wake-ups run when {@code schedule} is not called from one of its loops
     * @param clock measures the delay until the wake instant
     */
    public EventLoopWakeTimer(EventLoopGroup group, InstantSource clock) {
        this.group = Objects.requireNonNull(group, "group");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Handle schedule(Instant at, Runnable task) {
        EventLoop loop = EventLoops.currentOrNext(group);
        ScheduledFuture<?> future = loop.schedule(task, delayNanos(clock.instant(), at), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Nanoseconds from {@code now} until {@code at}: zero if it passed, capped at a year. */
    static long delayNanos(Instant now, Instant at) {
        if (!at.isAfter(now)) {
            return 0;
        }
        Duration delay = Duration.between(now, at);
        if (delay.compareTo(Duration.ofNanos(MAX_DELAY_NANOS)) > 0) {
            return MAX_DELAY_NANOS;
        }
        return delay.toNanos();
    }
}
