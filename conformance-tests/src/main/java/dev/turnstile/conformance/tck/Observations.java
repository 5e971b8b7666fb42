package dev.turnstile.conformance.tck;

import dev.turnstile.host.Session;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.observe.ObservationHub;
import dev.turnstile.machine.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waiting on a session's observations by cursor, with bounded waits and no sleeps. */
public final class Observations {

    /** Generous bound for anything a scenario waits for; it only bounds a failing test. */
    public static final long WAIT_SECONDS = 20;

    private Observations() {}

    /** The first observation after {@code after} that matches, once it is published. */
    public static CompletableFuture<Observation> first(Session session, long after, Predicate<Observation> matches) {
        ObservationHub hub = session.observations();
        CompletableFuture<Observation> found = new CompletableFuture<>();
        long[] cursor = {after};
        Runnable check = () -> {
            synchronized (cursor) {
                while (!found.isDone()) {
                    List<Observation> batch = hub.read(cursor[0], 64);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (Observation o : batch) {
                        cursor[0] = o.cursor();
                        if (matches.test(o)) {
                            found.complete(o);
                            return;
                        }
                    }
                }
            }
        };
        Runnable remove = hub.onPublish(check);
        found.whenComplete((o, e) -> remove.run());
        check.run();
        return found;
    }

    /** The first event of {@code type} after {@code after} matching {@code matches}, waiting at most {@link #WAIT_SECONDS}. */
    public static <E extends Event> E event(Session session, long after, Class<E> type, Predicate<E> matches)
            throws Exception {
        Observation o = first(session, after, x -> x instanceof Observation.EventObserved e && type.isInstance(e.event())
                && matches.test(type.cast(e.event()))).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return type.cast(((Observation.EventObserved) o).event());
    }

    /** The first event of {@code type} after {@code after}, waiting at most {@link #WAIT_SECONDS}. */
    public static <E extends Event> E event(Session session, long after, Class<E> type) throws Exception {
        return event(session, after, type, e -> true);
    }

    /**
     * Waits for the {@code ToolCallStarted} event of call {@code callId}. Wait for it, not only for the
     * tool's invocation, before releasing gated runs in a chosen order: the event is published after the
     * runtime registered for the run's completion, so completions from then on are taken in release order.
     */
    public static Event.ToolCallStarted toolStarted(Session session, long after, String callId) throws Exception {
        return event(session, after, Event.ToolCallStarted.class, e -> e.call().id().equals(callId));
    }

    /** Every observation after {@code after} up to now. */
    public static List<Observation> all(Session session, long after) {
        List<Observation> out = new ArrayList<>();
        long cursor = after;
        while (true) {
            List<Observation> batch = session.observations().read(cursor, 256);
            if (batch.isEmpty()) {
                return out;
            }
            out.addAll(batch);
            cursor = batch.get(batch.size() - 1).cursor();
        }
    }

    /** The events among some observations, in order. */
    public static List<Event> events(List<Observation> observations) {
        return observations.stream().filter(o -> o instanceof Observation.EventObserved)
                .map(o -> ((Observation.EventObserved) o).event()).toList();
    }
}
