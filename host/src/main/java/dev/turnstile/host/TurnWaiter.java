package dev.turnstile.host;

import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.observe.ObservationHub;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Turns the observation stream into "the next turn outcome" futures, for callers that just want answers. */
final class TurnWaiter {

    private final ObservationHub hub;

    TurnWaiter(ObservationHub hub) {
        this.hub = hub;
    }

    CompletableFuture<Outcome> nextOutcomeAfter(long afterCursor) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        AtomicLong cursor = new AtomicLong(afterCursor);
        Runnable[] remove = new Runnable[1];
        Runnable check = () -> {
            if (result.isDone()) {
                return;
            }
            synchronized (cursor) {
                while (true) {
                    var batch = hub.read(cursor.get(), 256);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (Observation o : batch) {
                        cursor.set(o.cursor());
                        if (o instanceof Observation.EventObserved(long c, Event.TurnFinished finished)) {
                            result.complete(finished.outcome());
                            return;
                        }
                        if (o instanceof Observation.Gap gap && gap.snapshot().lastOutcome().isDefined()
                                && !gap.snapshot().turnRunning()) {
                            result.complete(gap.snapshot().lastOutcome().get());
                            return;
                        }
                    }
                }
            }
            if (hub.isClosed()) {
                result.completeExceptionally(new SessionClosedException("the session closed before a turn finished"));
            }
        };
        remove[0] = hub.onPublish(check);
        result.whenComplete((o, e) -> remove[0].run());
        check.run();
        return result;
    }
}
