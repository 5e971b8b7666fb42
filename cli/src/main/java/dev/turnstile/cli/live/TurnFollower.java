package dev.turnstile.cli.live;

import dev.turnstile.cli.CommandFailedException;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.host.Session;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.observe.ObservationHub;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.SessionState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a session's observations by cursor on the caller's thread, hands each to a sink (a display, a
 * JSON printer, an approval prompt) and returns when the turn has an outcome. The caller's thread
 * waits on the hub's publish signal, never polls.
 */
public final class TurnFollower {

    /**
     * What following found.
     *
     * @param outcome the turn's outcome; empty only when a resumed session had no turn to finish
     *     and none before either
     * @param finished the {@code TurnFinished} event, when it was observed (not when the turn had
     *     already finished before a recovery)
     */
    public record Followed(Optional<Outcome> outcome, Optional<Event.TurnFinished> finished) {}

    private static final int BATCH = 256;

    private TurnFollower() {}

    /**
     * Follows from {@code afterCursor} until the next {@code TurnFinished}.
     *
     * @throws CommandFailedException if the session closes first or nothing finishes within {@code maxWait}
     */
    public static Followed untilTurnFinished(Session session, long afterCursor, Consumer<Observation> sink,
            Duration maxWait) throws InterruptedException {
        return follow(session, afterCursor, sink, maxWait, false);
    }

    /**
     * Follows a session just resumed from the store, from its first observation: until
     * {@code TurnFinished}, or until its {@code SessionRecovered} event shows that no turn was running
     * (the journal ended between turns; the outcome is then the last turn's, if any).
     */
    public static Followed afterRecovery(Session session, Consumer<Observation> sink, Duration maxWait)
            throws InterruptedException {
        return follow(session, 0, sink, maxWait, true);
    }

    private static Followed follow(Session session, long afterCursor, Consumer<Observation> sink, Duration maxWait,
            boolean recovering) throws InterruptedException {
        ObservationHub hub = session.observations();
        Semaphore published = new Semaphore(0);
        Runnable unsubscribe = hub.onPublish(published::release);
        long deadline = System.nanoTime() + maxWait.toNanos();
        long cursor = afterCursor;
        boolean recovered = false;
        try {
            while (true) {
                List<Observation> batch = hub.read(cursor, BATCH);
                for (Observation o : batch) {
                    cursor = o.cursor();
                    sink.accept(o);
                    if (o instanceof Observation.EventObserved(long c, Event.TurnFinished finished)) {
                        return new Followed(Optional.of(finished.outcome()), Optional.of(finished));
                    }
                    if (o instanceof Observation.EventObserved(long c, Event.SessionRecovered r)) {
                        recovered = true;
                    }
                    if (o instanceof Observation.Gap gap && gap.snapshot().lastOutcome().isDefined()
                            && !gap.snapshot().turnRunning()) {
                        return new Followed(gap.snapshot().lastOutcome().toJavaOptional(), Optional.empty());
                    }
                }
                if (recovering && recovered && batch.isEmpty()) {
                    SessionState state = session.snapshot();
                    if (!state.turnRunning() && hub.lastCursor() == cursor) {
                        return new Followed(state.lastOutcome().toJavaOptional(), Optional.empty());
                    }
                }
                if (batch.isEmpty()) {
                    if (hub.isClosed()) {
                        throw new CommandFailedException(ExitCode.IO_ERROR, "the session closed before its turn finished");
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new CommandFailedException(ExitCode.IO_ERROR, "no turn outcome within "
                                + maxWait.toSeconds() + " s");
                    }
                    published.tryAcquire(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                }
            }
        } finally {
            unsubscribe.run();
        }
    }
}
