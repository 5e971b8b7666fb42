package dev.turnstile.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.EffectPorts;
import dev.turnstile.host.HostRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.WakeTimer;
import dev.turnstile.host.store.InMemoryJournal;
import dev.turnstile.host.store.JournalEntry;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.netty.testing.ScriptedModel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session driver's one wake timer on an event loop, driven by a mock ticker that is also the
 * runtime's clock: no sleeps, no real time. The embedded loop runs every task when the test says so.
 */
class WakeTimerWiringTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MODEL_TIMEOUT_MILLIS = 10_000;

    private final MockTicker ticker = Ticker.newMockTicker();
    /** How far the runtime's clock lags the event loop's ticker; normally none. */
    private long clockLagNanos;
    private final InstantSource clock = () -> START.plusNanos(ticker.nanoTime() - ticker.initialNanoTime() - clockLagNanos);
    private EmbeddedChannel channel;
    private CountingTimer timer;
    private InMemoryJournal journal;
    private ScriptedModel model;
    private HostRuntime runtime;

    /** Records every arm and disarm of the real event-loop timer. */
    private static final class CountingTimer implements WakeTimer {
        private final WakeTimer delegate;
        final List<Instant> armed = new ArrayList<>();
        int cancelled;

        CountingTimer(WakeTimer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Handle schedule(Instant at, Runnable task) {
            armed.add(at);
            Handle handle = delegate.schedule(at, task);
            return () -> {
                cancelled++;
                handle.cancel();
            };
        }
    }

    @BeforeEach
    void setUp() {
        channel = EmbeddedChannel.builder().ticker(ticker).build();
        EventLoop loop = channel.eventLoop();
        timer = new CountingTimer(new EventLoopWakeTimer(loop, clock));
        journal = new InMemoryJournal();
        model = new ScriptedModel();
        NettyEnvironment env = new NettyEnvironment(loop, Runnable::run, timer, clock);
        runtime = new HostRuntime(env, journal, journal.checkpoints(), new EffectPorts(model, TreeMap.empty(),
                Option.none(), (id, request) -> { }), 256);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void runTasks() {
        channel.runPendingTasks();
    }

    private void advanceMillis(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private long journaled(String inputType) {
        return journal.read("timer-1").entries().stream().map(JournalEntry::entryJson)
                .filter(json -> json.contains("\"type\":\"" + inputType + "\"")).count();
    }

    @Test
    void wakeIsArmedOncePerDeadlineFiresOnExpiryAndIsRearmedAfter() {
        MachineConfig config = MachineConfig.builder("m").modelCallTimeoutMillis(MODEL_TIMEOUT_MILLIS)
                .retry(new RetryPolicy(3, 1_000, 1_000, 60_000, 0)).build();
        model.then(model.hanging("par"), ScriptedModel.text("done"));
        Session session = runtime.open(new SessionOptions("timer-1", config, Labels.NONE, Option.some(7L)));
        runTasks();
        assertEquals(0, timer.armed.size(), "an idle session has no deadline");

        session.send("hello");
        runTasks();
        assertEquals(List.of(START.plusMillis(MODEL_TIMEOUT_MILLIS)), timer.armed, "one wake for the model deadline");

        session.approve("no-such-approval", "alice", "a decision for nothing is rejected as data");
        runTasks();
        assertEquals(1, timer.armed.size(), "a step that leaves the deadline unchanged does not re-arm");

        advanceMillis(MODEL_TIMEOUT_MILLIS - 1);
        assertEquals(0, journaled("time_advanced"), "nothing fires before the deadline");
        assertEquals(0, model.cancels());

        advanceMillis(1);
        assertEquals(1, journaled("time_advanced"), "the expiry feeds TimeAdvanced");
        assertEquals(1, model.cancels(), "the expired call is abandoned");
        assertTrue(session.snapshot().phase() instanceof Phase.BackingOff, "then backs off: " + session.snapshot().phase());
        Instant retryAt = ((Phase.BackingOff) session.snapshot().phase()).retryAt();
        assertEquals(List.of(START.plusMillis(MODEL_TIMEOUT_MILLIS), retryAt), timer.armed,
                "re-armed once, for the backoff");
        assertEquals(0, timer.cancelled, "a fired timer is not cancelled");

        advanceMillis(retryAt.toEpochMilli() - clock.instant().toEpochMilli());
        assertEquals(2, journaled("time_advanced"));
        assertEquals(3, timer.armed.size(), "the retried call has its own deadline");
        assertEquals(retryAt.plusMillis(MODEL_TIMEOUT_MILLIS), timer.armed.get(2));
        assertEquals(Option.some(new Outcome.Completed("done")), session.snapshot().lastOutcome(),
                "the retried call's reply completed the turn");
        assertTrue(session.snapshot().phase() instanceof Phase.AwaitingUser);
        assertEquals(1, timer.cancelled, "with no deadline left, the armed wake is cancelled");
    }

    @Test
    void aWakeWithNothingExpiredChangesNothingAndArmsAgainForTheSameDeadline() {
        MachineConfig config = MachineConfig.builder("m").modelCallTimeoutMillis(MODEL_TIMEOUT_MILLIS).build();
        model.then(model.hanging());
        Session session = runtime.open(new SessionOptions("timer-1", config, Labels.NONE, Option.some(7L)));
        session.send("hello");
        runTasks();
        Instant deadline = timer.armed.getFirst();

        // From now on the clock lags the loop's ticker by 2 ms: the timer fires before the clock says so.
        clockLagNanos = TimeUnit.MILLISECONDS.toNanos(2);
        advanceMillis(MODEL_TIMEOUT_MILLIS);
        assertEquals(1, journaled("time_advanced"), "the timer fired");
        assertEquals(0, model.cancels(), "but by the clock nothing expired");
        assertTrue(session.snapshot().phase() instanceof Phase.AwaitingModel);
        assertEquals(List.of(deadline, deadline), timer.armed, "so the same deadline is armed again");

        advanceMillis(2);
        assertEquals(2, journaled("time_advanced"));
        assertEquals(1, model.cancels(), "now it expired");
    }

    @Test
    void delayIsZeroForPastInstantsAndCappedForFarOnes() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(0, EventLoopWakeTimer.delayNanos(now, now.minusSeconds(1)));
        assertEquals(0, EventLoopWakeTimer.delayNanos(now, now));
        assertEquals(1_500_000, EventLoopWakeTimer.delayNanos(now, now.plusNanos(1_500_000)));
        assertEquals(TimeUnit.DAYS.toNanos(365), EventLoopWakeTimer.delayNanos(now, Instant.MAX));
    }
}
