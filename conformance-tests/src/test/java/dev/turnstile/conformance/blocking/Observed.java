package dev.turnstile.conformance.blocking;

import dev.turnstile.host.Session;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.observe.ObservationHub;
import dev.turnstile.machine.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waiting for observations by cursor: the way an application observes a session, with no sleeps. */
final class Observed {

    /** Generous bound for anything a test waits for; it only bounds a failing test. */
    static final long WAIT_SECONDS = 10;

    private Observed() {}

    /** The first observation after {@code after} that matches, once it is published. */
    static CompletableFuture<Observation> first(Session session, long after, Predicate<Observation> matches) {
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

    /** The first event of {@code type} after {@code after}, waiting at most {@link #WAIT_SECONDS}. */
    static <E extends Event> E event(Session session, long after, Class<E> type) throws Exception {
        Observation o = first(session, after, x -> x instanceof Observation.EventObserved e && type.isInstance(e.event()))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        return type.cast(((Observation.EventObserved) o).event());
    }

    /** Every observation after {@code after} up to now, reading in pages of {@code page}. */
    static List<Observation> all(Session session, long after, int page) {
        List<Observation> out = new ArrayList<>();
        long cursor = after;
        while (true) {
            List<Observation> batch = session.observations().read(cursor, page);
            if (batch.isEmpty()) {
                return out;
            }
            out.addAll(batch);
            cursor = batch.get(batch.size() - 1).cursor();
        }
    }

    /** The events among some observations, in order. */
    static List<Event> events(List<Observation> observations) {
        return observations.stream().filter(o -> o instanceof Observation.EventObserved)
                .map(o -> ((Observation.EventObserved) o).event()).toList();
    }

    /** A seed for a test's sessions, from {@code -Dturnstile.seed} or the clock; printed so a failure can be rerun. */
    static long seed(String test) {
        long seed = Long.getLong("turnstile.seed", System.nanoTime());
        System.out.println(test + ": seed " + seed + " (rerun with -Dturnstile.seed=" + seed + ")");
        return seed;
    }
}
