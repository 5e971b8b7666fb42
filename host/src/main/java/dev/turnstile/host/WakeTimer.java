package dev.turnstile.host;

import java.time.Instant;

/** The one timer per session that feeds {@code TimeAdvanced} when the machine's wake passes. */
public interface WakeTimer {

    /** Runs {@code task} at (or soon after) {@code at}; the handle cancels it. */
    Handle schedule(Instant at, Runnable task);

    /** A scheduled task. */
    interface Handle {
        /** Cancels the task if it has not run. */
        void cancel();
    }
}
