package dev.turnstile.blocking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.WakeTimer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared wake timer hands due tasks to virtual threads. */
class ScheduledWakeTimerTest {

    @Test
    void aTaskRunsOnAVirtualThreadOnceItsInstantPasses() throws Exception {
        try (VirtualThreadEnvironment env = new VirtualThreadEnvironment(InstantSource.system())) {
            CountDownLatch ran = new CountDownLatch(1);
            boolean[] virtual = new boolean[1];
            env.timer().schedule(Instant.now().plusMillis(20), () -> {
                virtual[0] = Thread.currentThread().isVirtual();
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertTrue(virtual[0]);
        }
    }

    @Test
    void anInstantInThePastRunsAtOnce() throws Exception {
        try (VirtualThreadEnvironment env = new VirtualThreadEnvironment(InstantSource.system())) {
            CountDownLatch ran = new CountDownLatch(1);
            env.timer().schedule(Instant.EPOCH, ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        try (VirtualThreadEnvironment env = new VirtualThreadEnvironment(InstantSource.system())) {
            CountDownLatch cancelledRan = new CountDownLatch(1);
            CountDownLatch laterRan = new CountDownLatch(1);
            WakeTimer.Handle handle = env.timer().schedule(Instant.now().plusMillis(50), cancelledRan::countDown);
            handle.cancel();
            // Tasks run in deadline order; once a later one has run, the cancelled one had its chance.
            env.timer().schedule(Instant.now().plusMillis(100), laterRan::countDown);
            assertTrue(laterRan.await(10, TimeUnit.SECONDS));
            assertFalse(cancelledRan.await(0, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void afterCloseSchedulingIsANoOp() {
        VirtualThreadEnvironment env = new VirtualThreadEnvironment(InstantSource.system());
        env.close();
        env.timer().schedule(Instant.EPOCH, () -> { }).cancel();
    }
}
