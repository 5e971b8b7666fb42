package dev.turnstile.host.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.EventContext;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.wire.StreamDelta;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Cursors, the bounded buffer, and the explicit gap a reader that fell behind gets. */
class ObservationHubTest {

    private static final SessionState STATE =
            new TurnMachine(MachineConfig.builder("m").build()).start("s", 1, Instant.EPOCH, Labels.NONE);

    private static Event event(String reason) {
        return new Event.CancelIgnored(new EventContext("s", 0, Instant.EPOCH, Labels.NONE), reason);
    }

    private static String reasonOf(Observation o) {
        return ((Event.CancelIgnored) ((Observation.EventObserved) o).event()).reason();
    }

    @Test
    void everyObservationGetsTheNextCursorAndIsReadInOrder() {
        ObservationHub hub = new ObservationHub(8, () -> STATE);
        assertEquals(0, hub.lastCursor());
        assertEquals(1, hub.publish(event("a")));
        assertEquals(2, hub.publish(new EffectId(1), new StreamDelta.TextDelta("Hel")));
        assertEquals(3, hub.publish(event("b")));
        List<Observation> all = hub.read(0, 100);
        assertEquals(List.of(1L, 2L, 3L), all.stream().map(Observation::cursor).toList());
        assertEquals("a", reasonOf(all.get(0)));
        assertEquals(new Observation.DeltaObserved(2, new EffectId(1), new StreamDelta.TextDelta("Hel")), all.get(1));
        assertEquals(List.of(3L), hub.read(2, 100).stream().map(Observation::cursor).toList());
        assertEquals(List.of(), hub.read(3, 100));
        assertEquals(List.of(1L, 2L), hub.read(0, 2).stream().map(Observation::cursor).toList());
    }

    @Test
    void aReaderBehindTheTrimmedBufferGetsAGapWithASnapshotAndContinuesAfterIt() {
        ObservationHub hub = new ObservationHub(3, () -> STATE);
        for (int i = 1; i <= 7; i++) {
            hub.publish(event("e" + i));
        }
        // Cursors 5..7 are retained; a reader after 1 missed 2..4.
        List<Observation> behind = hub.read(1, 100);
        assertEquals(1, behind.size());
        Observation.Gap gap = assertInstanceOf(Observation.Gap.class, behind.get(0));
        assertEquals(1, gap.after());
        assertEquals(7, gap.cursor());
        assertSame(STATE, gap.snapshot());
        assertEquals(List.of(), hub.read(gap.cursor(), 100));
        // A reader exactly at the edge of the buffer loses nothing.
        assertEquals(List.of("e5", "e6", "e7"), hub.read(4, 100).stream().map(ObservationHubTest::reasonOf).toList());
        assertInstanceOf(Observation.Gap.class, hub.read(3, 100).get(0));
        assertEquals(7, hub.lastCursor());
    }

    @Test
    void aCursorFromTheFutureIsRefused() {
        ObservationHub hub = new ObservationHub(3, () -> STATE);
        hub.publish(event("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hub.read(5, 10));
        assertEquals("cursor 5 is ahead of the newest cursor 1", e.getMessage());
    }

    @Test
    void listenersAreWokenOnPublishAndOnCloseUntilRemoved() {
        ObservationHub hub = new ObservationHub(3, () -> STATE);
        AtomicInteger wakes = new AtomicInteger();
        Runnable remove = hub.onPublish(wakes::incrementAndGet);
        hub.publish(event("a"));
        hub.publish(new EffectId(2), new StreamDelta.TextDelta("x"));
        hub.close();
        assertEquals(3, wakes.get());
        assertTrue(hub.isClosed());
        remove.run();
        hub.publish(event("b"));
        assertEquals(3, wakes.get());
    }

    @Test
    void aThrowingListenerNeitherFailsThePublishNorStarvesTheOthers() {
        ObservationHub hub = new ObservationHub(3, () -> STATE);
        AtomicInteger wakes = new AtomicInteger();
        hub.onPublish(() -> {
            throw new IllegalStateException("listener bug (expected by the test)");
        });
        hub.onPublish(wakes::incrementAndGet);
        assertEquals(1, hub.publish(event("a")));
        assertEquals(1, wakes.get());
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ObservationHub(0, () -> STATE));
    }
}
