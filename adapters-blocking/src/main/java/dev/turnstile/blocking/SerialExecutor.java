package dev.turnstile.blocking;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor (virtual threads here): a
 * session's mailbox. While tasks are queued one drain task runs them back to back; when the queue is
 * empty no thread is held. A task's exception is logged and does not stop the next task.
 *
 * <p>Happens-before: each task sees the effects of the tasks before it (the queue's lock orders them),
 * which is what lets the session driver keep its state in plain fields.
 */
final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final String name;
    private final Executor delegate;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    SerialExecutor(String name, Executor delegate) {
        this.name = Objects.requireNonNull(name, "name");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The runtime is shutting down: late results and timer ticks have nowhere to go.
            synchronized (this) {
                tasks.clear();
                draining = false;
            }
            LOG.log(Level.DEBUG, "dropping tasks of {0}: the runtime is closed", name);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "a task of " + name + " failed", t);
            }
        }
    }

    @Override
    public String toString() {
        return "SerialExecutor[" + name + "]";
    }
}
