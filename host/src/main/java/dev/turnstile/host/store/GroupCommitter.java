package dev.turnstile.host.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes appends durable in shared sync windows, and tracks appends in flight so that closing
 * waits for them.
 *
 * <p>An append calls {@link #enter()}, writes its line, then {@link #enlist}s its file in the
 * collecting batch and waits with {@link #awaitDurable}. One committer thread takes the
 * collecting batch, calls {@code force} once on every file in it (on helper threads in parallel
 * when there are several), and releases every appender in it. Because a file is enlisted only
 * after its line was written, and the batch is swapped out before the first force starts, a
 * force always covers every line of its batch.
 *
 * <p>Window: when the committer finds work, it keeps the batch open while appends are still
 * mid-write (entered, not yet enlisted), up to the configured maximum, then syncs. So a lone
 * appender is synced at once, while appenders released together by the previous window, and
 * writing again, share the next one. Without sync ({@link Durability#NO_FSYNC}) there is no
 * thread and {@code enlist} returns a batch that is already complete.
 *
 * <p>The committer and its sync helpers are platform daemon threads rather than virtual threads:
 * they spend their lives in {@code force}, a blocking system call that would pin a carrier
 * anyway, and being daemons they cannot keep a JVM alive whose owner forgot {@code close}.
 * Appenders wait on a {@link CompletableFuture}, which suits virtual threads; the wait ignores
 * interrupts, because an append whose line is written must learn whether it became durable.
 */
final class GroupCommitter implements AutoCloseable {

    /** A file whose written bytes a sync makes durable. */
    interface SyncTarget {

        /** Forces the written bytes to stable storage. */
        void sync() throws IOException;

        /** Records that a sync failed: the file's durable state is unknown from now on. */
        void syncFailed(IOException failure);
    }

    /** The appenders sharing one sync window. */
    static final class Batch {
        private final Set<SyncTarget> targets = new LinkedHashSet<>();
        private final Map<SyncTarget, IOException> failures = new ConcurrentHashMap<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        /**
         * Syncs every target, in parallel when there are several: fsyncs of different files overlap
         * on the device (and on journaling file systems share its commits), so a window of k files
         * costs about one sync latency instead of k.
         */
        private void syncAll(ExecutorService syncPool, LongAdder fileSyncs, LongAdder syncWindows) {
            try {
                List<CompletableFuture<Void>> others = new ArrayList<>();
                SyncTarget inline = null;
                for (SyncTarget target : targets) {
                    if (inline == null) {
                        inline = target;
                    } else {
                        others.add(syncElsewhere(target, syncPool, fileSyncs));
                    }
                }
                if (inline != null) {
                    syncOne(inline, fileSyncs);
                }
                others.forEach(CompletableFuture::join);
            } finally {
                // Counted before the release, so an appender that returns sees its window in the stats.
                syncWindows.increment();
                done.complete(null);
            }
        }

        private CompletableFuture<Void> syncElsewhere(SyncTarget target, ExecutorService syncPool,
                LongAdder fileSyncs) {
            try {
                return CompletableFuture.runAsync(() -> syncOne(target, fileSyncs), syncPool);
            } catch (RejectedExecutionException e) {
                syncOne(target, fileSyncs);
                return CompletableFuture.completedFuture(null);
            }
        }

        private void syncOne(SyncTarget target, LongAdder fileSyncs) {
            try {
                target.sync();
                fileSyncs.increment();
            } catch (Throwable e) {
                // Even an Error must fail this target's appenders rather than report it durable.
                IOException failure = e instanceof IOException io ? io : new IOException(e);
                failures.put(target, failure);
                target.syncFailed(failure);
            }
        }
    }

    /**
     * Helpers that sync the files of one window in parallel with the committer. Bounded so that a
     * window with thousands of dirty files cannot spawn thousands of threads; beyond it, syncs
     * queue and the window simply takes a little longer.
     */
    private static final int SYNC_THREADS = 15;

    private static final Batch ALREADY_DURABLE = new Batch();

    static {
        ALREADY_DURABLE.done.complete(null);
    }

    private final String name;
    private final boolean syncs;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LongAdder fileSyncs = new LongAdder();
    private final LongAdder syncWindows = new LongAdder();
    private final Thread thread;
    private final ExecutorService syncPool;
    private Batch collecting = new Batch();
    private int appendsInFlight;
    private boolean closed;
    private volatile Throwable crash;

    /**
     * Creates a committer; with {@code syncs} it starts its thread.
     *
     * @param name names the thread, e.g. after the store directory
     */
    GroupCommitter(String name, boolean syncs, Duration maxWait) {
        this.name = name;
        this.syncs = syncs;
        this.maxWaitNanos = maxWait.toNanos();
        this.syncPool = syncs ? Executors.newFixedThreadPool(SYNC_THREADS,
                Thread.ofPlatform().daemon().name("turnstile-sync-", 1).factory()) : null;
        this.thread = syncs
                ? Thread.ofPlatform().daemon().name("turnstile-group-commit " + name).start(this::run)
                : null;
    }

    /** Whether enlisting syncs; false in {@link Durability#NO_FSYNC} mode. */
    boolean syncsAppends() {
        return syncs;
    }

    long fileSyncs() {
        return fileSyncs.sum();
    }

    long syncWindows() {
        return syncWindows.sum();
    }

    /** Announces an append that is about to write; throws once closing has begun. */
    void enter() {
        if (!tryEnter()) {
            throw new IllegalStateException("the journal at " + name + " is closed"
                    + (crash == null ? "" : " (its group commit thread failed: " + crash + ")"));
        }
    }

    /** Like {@link #enter()}, but returns false instead of throwing once closing has begun. */
    boolean tryEnter() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            appendsInFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends an entered append that wrote nothing. */
    void leave() {
        lock.lock();
        try {
            appendsInFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends an entered append whose line is written; returns the batch that will sync it. */
    Batch enlist(SyncTarget target) {
        lock.lock();
        try {
            appendsInFlight--;
            changed.signalAll();
            if (!syncs) {
                return ALREADY_DURABLE;
            }
            collecting.targets.add(target);
            return collecting;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the batch is synced; throws if syncing the target failed. */
    void awaitDurable(Batch batch, SyncTarget target) {
        try {
            batch.done.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the group commit thread of " + name + " failed", e);
        }
        IOException failure = batch.failures.get(target);
        if (failure != null) {
            throw new UncheckedIOException(
                    "syncing " + target + " failed; the entry may not be durable", failure);
        }
    }

    /**
     * Refuses new appends, waits for those in flight, syncs everything enlisted and stops the
     * thread. Idempotent; every call returns only when all of that is done.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            while (thread == null && appendsInFlight > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            joinUninterruptibly(thread);
            syncPool.shutdown();
        }
    }

    private void run() {
        try {
            for (Batch batch = nextBatch(); batch != null; batch = nextBatch()) {
                batch.syncAll(syncPool, fileSyncs, syncWindows);
            }
        } catch (Throwable t) {
            abandon(t);
            throw t;
        }
    }

    /** The next batch to sync, or null once closed with nothing left in flight. */
    private Batch nextBatch() {
        lock.lock();
        try {
            while (collecting.targets.isEmpty() && !(closed && appendsInFlight == 0)) {
                changed.awaitUninterruptibly();
            }
            if (collecting.targets.isEmpty()) {
                return null;
            }
            long remainingNanos = maxWaitNanos;
            while (appendsInFlight > 0 && remainingNanos > 0) {
                try {
                    remainingNanos = changed.awaitNanos(remainingNanos);
                } catch (InterruptedException e) {
                    // Nobody should interrupt this private thread; an interrupt status left set would
                    // make FileChannel.force close the journal's channel, so it is cleared, not restored.
                    break;
                }
            }
            Batch batch = collecting;
            collecting = new Batch();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    // Only reached on an Error inside this class; waiters must not hang on a dead thread.
    private void abandon(Throwable t) {
        lock.lock();
        try {
            crash = t;
            closed = true;
            collecting.done.completeExceptionally(t);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
