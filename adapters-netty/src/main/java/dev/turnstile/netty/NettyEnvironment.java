package dev.turnstile.netty;

import dev.turnstile.host.RuntimeEnvironment;
import dev.turnstile.host.WakeTimer;
import io.netty.channel.EventLoopGroup;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The Netty answer to the host's {@link RuntimeEnvironment}: each session is confined to one event
 * loop of the group (its serial executor <em>is</em> that loop, picked round-robin when the session
 * opens), blocking work goes to a bounded executor, and wake-ups are scheduled on the session's loop.
 */
public final class NettyEnvironment implements RuntimeEnvironment {

    private final EventLoopGroup group;
    private final Executor blocking;
    private final WakeTimer timer;
    private final InstantSource clock;

    /**
     * @param group the event loops sessions run on
     * @param blocking where journal appends, checkpoints and blocking tools run
     * @param timer the wake timer, normally an {@link EventLoopWakeTimer} on {@code group}
     * @param clock stamps inputs
     */
    public NettyEnvironment(EventLoopGroup group, Executor blocking, WakeTimer timer, InstantSource clock) {
        this.group = Objects.requireNonNull(group, "group");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An environment whose timer is an {@link EventLoopWakeTimer} on {@code group} measured by {@code clock}. */
    public static NettyEnvironment of(EventLoopGroup group, Executor blocking, InstantSource clock) {
        return new NettyEnvironment(group, blocking, new EventLoopWakeTimer(group, clock), clock);
    }

    /** The next event loop of the group: tasks on it run one at a time, in submission order. */
    @Override
    public Executor newSessionExecutor(String sessionId) {
        return group.next();
    }

    @Override
    public Executor blockingExecutor() {
        return blocking;
    }

    @Override
    public WakeTimer timer() {
        return timer;
    }

    @Override
    public InstantSource clock() {
        return clock;
    }
}
