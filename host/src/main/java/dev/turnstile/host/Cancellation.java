package dev.turnstile.host;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancellation signal for one effect: tools poll {@link #isCancelled()} or register a callback to
 * stop work early (close a socket, kill a process). Thread-safe.
 */
public final class Cancellation {

    private final List<Runnable> callbacks = new ArrayList<>(1);
    private boolean cancelled;
    private String reason = "";

    /** Whether the effect was abandoned. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Why it was abandoned, empty before. */
    public synchronized String reason() {
        return reason;
    }

    /** Runs {@code callback} on cancellation (at once if already cancelled). */
    public void onCancel(Runnable callback) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                callbacks.add(callback);
            }
        }
        if (runNow) {
            callback.run();
        }
    }

    /** Cancels; runs every callback once. Idempotent. */
    public void cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            reason = why;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(Runnable::run);
    }
}
