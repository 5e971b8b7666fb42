package dev.turnstile.conformance.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.conformance.provider.FakeProviderServer;
import dev.turnstile.conformance.provider.OpenAiReply;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.wire.StreamDelta;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Live deltas reach observers in order, by cursor, between the call's start and the turn's end. */
class BlockingStreamingTest {

    private static final String TEXT = "Streaming reaches observers token by token, in order.";

    private static BlockingRuntime runtime(FakeProviderServer server, int observationCapacity) {
        return BlockingRuntime.builder()
                .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").build())
                .observationCapacity(observationCapacity)
                .build();
    }

    @Test
    void deltasAreObservedInOrderBetweenModelCallStartedAndTurnFinished() throws Exception {
        long seed = Observed.seed("deltasInOrder");
        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.enqueue(OpenAiReply.text(TEXT).inDeltas(7).withUsage(9, 7).streamed());
            try (BlockingRuntime runtime = runtime(server, 4096)) {
                Session session = runtime.open(SessionOptions.of("stream", MachineConfig.builder("gpt-4o-mini").build())
                        .withSeed(seed));
                long cursor = session.observations().lastCursor();
                session.send("stream please").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals(new Outcome.Completed(TEXT), session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS));

                List<Observation> seen = Observed.all(session, cursor, 3); // a slow reader, in pages of 3
                for (int i = 1; i < seen.size(); i++) {
                    assertEquals(seen.get(i - 1).cursor() + 1, seen.get(i).cursor(), "cursors are consecutive");
                }
                List<Observation.DeltaObserved> deltas = seen.stream().filter(o -> o instanceof Observation.DeltaObserved)
                        .map(o -> (Observation.DeltaObserved) o).toList();
                assertEquals(7, deltas.size());
                assertEquals(TEXT, deltas.stream().map(d -> ((StreamDelta.TextDelta) d.delta()).text())
                        .collect(Collectors.joining()));
                Event.ModelCallStarted started = (Event.ModelCallStarted) Observed.events(seen).stream()
                        .filter(e -> e instanceof Event.ModelCallStarted).findFirst().orElseThrow();
                assertTrue(deltas.stream().allMatch(d -> d.effectId().equals(started.effectId())));
                long startedAt = cursorOf(seen, Event.ModelCallStarted.class);
                long finishedAt = cursorOf(seen, Event.TurnFinished.class);
                assertTrue(deltas.stream().allMatch(d -> d.cursor() > startedAt && d.cursor() < finishedAt));
            }
        }
    }

    @Test
    void aReaderBehindTheRetainedBufferGetsAGapWithTheFinishedState() throws Exception {
        long seed = Observed.seed("gapAfterTrimming");
        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.enqueue(OpenAiReply.text(TEXT).inDeltas(7).streamed());
            try (BlockingRuntime runtime = runtime(server, 4)) {
                Session session = runtime.open(SessionOptions.of("gap", MachineConfig.builder("gpt-4o-mini").build())
                        .withSeed(seed));
                long cursor = session.observations().lastCursor();
                session.send("stream please").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
                session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                List<Observation> seen = session.observations().read(cursor, 100);
                Observation.Gap gap = assertInstanceOf(Observation.Gap.class, seen.get(0));
                assertEquals(cursor, gap.after());
                assertEquals(session.observations().lastCursor(), gap.cursor());
                assertEquals(new Outcome.Completed(TEXT), gap.snapshot().lastOutcome().get());
                assertEquals(1, seen.size());
                // turnFinished after a trimmed cursor still answers, from the gap's snapshot.
                assertEquals(new Outcome.Completed(TEXT), session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    private static long cursorOf(List<Observation> seen, Class<? extends Event> type) {
        return seen.stream().filter(o -> o instanceof Observation.EventObserved e && type.isInstance(e.event()))
                .findFirst().orElseThrow().cursor();
    }
}
