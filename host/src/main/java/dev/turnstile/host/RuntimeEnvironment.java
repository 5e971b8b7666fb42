package dev.turnstile.host;

import java.time.InstantSource;
import java.util.concurrent.Executor;

/**
 * What an adapter provides to the shared session runtime: where each session's inputs are processed
 * one at a time, where blocking work runs, the timer, and the clock. The blocking adapter answers
 * with virtual threads; the Netty adapter with event loops and an offload pool.
 */
public interface RuntimeEnvironment {

    /**
     * A new serial executor for one session: tasks run one at a time, in submission order. The
     * session's machine is only touched from it, so it needs no locks.
     */
    Executor newSessionExecutor(String sessionId);

    /** Where journal appends, checkpoint writes and blocking tools run. */
    Executor blockingExecutor();

    /** The timer used for wake-ups. */
    WakeTimer timer();

    /** The clock that stamps inputs. The machine never reads it; only the driver does. */
    InstantSource clock();
}
