package dev.turnstile.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A session's mailbox: one task at a time, in submission order, on virtual threads. */
class SerialExecutorTest {

    @Test
    void tasksRunOneAtATimeInSubmissionOrder() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            SerialExecutor serial = new SerialExecutor("test", threads);
            List<Integer> order = new ArrayList<>(); // unsynchronized on purpose: the executor orders access
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            int tasks = 2_000;
            CountDownLatch done = new CountDownLatch(tasks);
            for (int i = 0; i < tasks; i++) {
                int n = i;
                serial.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    order.add(n);
                    Thread.yield();
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(1, maxRunning.get());
            assertEquals(java.util.stream.IntStream.range(0, tasks).boxed().toList(), order);
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheNextOne() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            SerialExecutor serial = new SerialExecutor("test", threads);
            CountDownLatch next = new CountDownLatch(1);
            serial.execute(() -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            serial.execute(next::countDown);
            assertTrue(next.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void afterShutdownTasksAreDroppedQuietly() {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        threads.shutdownNow();
        SerialExecutor serial = new SerialExecutor("test", threads);
        serial.execute(() -> { }); // must not throw: late results arrive after a runtime closed
        serial.execute(() -> { });
    }
}
