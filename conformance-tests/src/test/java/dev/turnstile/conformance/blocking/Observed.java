package dev.turnstile.conformance.blocking;

import dev.turnstile.conformance.tck.Observations;
import dev.turnstile.host.Session;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The blocking end-to-end tests' view of the kit's {@link Observations} (bounded waits by cursor, no
 * sleeps), plus paged reading and printed seeds.
 */
final class Observed {

    /** Generous bound for anything a test waits for; it only bounds a failing test. */
    static final long WAIT_SECONDS = Observations.WAIT_SECONDS;

    private Observed() {}

    /** The first observation after {@code after} that matches, once it is published. */
    static CompletableFuture<Observation> first(Session session, long after, Predicate<Observation> matches) {
        return Observations.first(session, after, matches);
    }

    /** The first event of {@code type} after {@code after}, waiting a bounded time for it. */
    static <E extends Event> E event(Session session, long after, Class<E> type) throws Exception {
        return Observations.event(session, after, type);
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
        return Observations.events(observations);
    }

    /** A seed for a test's sessions, from {@code -Dturnstile.seed} or the clock; printed so a failure can be rerun. */
    static long seed(String test) {
        long seed = Long.getLong("turnstile.seed", System.nanoTime());
        System.out.println(test + ": seed " + seed + " (rerun with -Dturnstile.seed=" + seed + ")");
        return seed;
    }
}
