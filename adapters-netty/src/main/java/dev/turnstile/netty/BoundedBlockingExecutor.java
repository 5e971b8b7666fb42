package dev.turnstile.netty;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Where the Netty runtime runs blocking work, off the event loops: journal appends, checkpoint
 * writes, blocking tools and DNS lookups.
 *
 * <p>Choice: <b>one new virtual thread per task, at most {@code maxConcurrent} at once</b>; further
 * tasks wait in FIFO order and start as running ones finish. Virtual threads rather than a small
 * fixed pool because the work is IO-bound and some of it (a tool calling a slow service) is long: a
 * pool sized for two cores would let two slow tools stall every session's journal appends, while
 * the bound still caps how many files and sockets blocking work holds open at once. File IO on a
 * virtual thread blocks its carrier, which the JDK compensates for. A fresh thread per task, never a
 * reused one, because a cancelled tool's late interrupt must not hit the next task (an interrupted
 * journal write would close the journal's file channel).
 *
 * <p>The waiting queue is not capped: its length is bounded by the workload itself (each session has
 * at most one journal append and its tool concurrency limit in flight), and rejecting a journal
 * append would fail the session.
 */
public final class BoundedBlockingExecutor implements Executor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BoundedBlockingExecutor.class.getName());

    private final int maxConcurrent;
    private final ThreadFactory threads;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;

    /**
     * @param maxConcurrent how many tasks may run at once
     * @param threadNamePrefix names the virtual threads, for thread dumps
     */
    public BoundedBlockingExecutor(int maxConcurrent, String threadNamePrefix) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be positive, got " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        this.threads = Thread.ofVirtual().name(threadNamePrefix, 0).factory();
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (closed) {
                throw new RejectedExecutionException("the blocking executor is closed");
            }
            if (running >= maxConcurrent) {
                waiting.add(task);
                return;
            }
            running++;
        }
        start(task);
    }

    /** Tasks running now (for tests and metrics). */
    public synchronized int running() {
        return running;
    }

    /** Tasks waiting for a free slot (for tests and metrics). */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void start(Runnable task) {
        threads.newThread(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "a blocking task failed: " + t);
            } finally {
                next();
            }
        }).start();
    }

    private void next() {
        Runnable task;
        synchronized (this) {
            task = waiting.poll();
            if (task == null) {
                running--;
                notifyAll();
                return;
            }
        }
        start(task);
    }

    /** Refuses new tasks and waits up to 30 s for queued and running ones to finish. Idempotent. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (this) {
            closed = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.log(Level.WARNING, running + " blocking tasks still running at close");
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
