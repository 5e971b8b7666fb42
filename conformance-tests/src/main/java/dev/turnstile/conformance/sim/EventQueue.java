package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Input;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The simulated clock's agenda: world events keyed by the instant they happen, ties broken by the
 * order they were scheduled, so a session is a pure function of its seed. Nothing sleeps: the
 * simulator jumps from one event (or wake-up) to the next.
 */
final class EventQueue {

    /** Where a scheduled input comes from, so that a crash or an abandon can forget the right ones. */
    enum Origin {
        /** A user message. */
        USER_MESSAGE,
        /** A cancel, or an answer or decision for nothing in particular. */
        OUTSIDE,
        /** The answer to an effect (model reply, tool result, guard verdict). */
        ANSWER,
        /** A human decision on an approval request. */
        DECISION,
        /** A crash recovery. */
        RECOVERY
    }

    /** One pending world event; the input is built when it is delivered, stamped with its instant. */
    static final class Scheduled {
        final Instant at;
        final long sequence;
        final Origin origin;
        final long effectId;
        final Function<Instant, Input> input;
        boolean cancelled;

        Scheduled(Instant at, long sequence, Origin origin, long effectId, Function<Instant, Input> input) {
            this.at = at;
            this.sequence = sequence;
            this.origin = origin;
            this.effectId = effectId;
            this.input = input;
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            Comparator.comparing((Scheduled s) -> s.at).thenComparingLong(s -> s.sequence));
    private long nextSequence;

    void schedule(Instant at, Origin origin, long effectId, Function<Instant, Input> input) {
        queue.add(new Scheduled(at, nextSequence++, origin, effectId, input));
    }

    /** The next live event, if any, without removing it. */
    Scheduled peek() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        return queue.peek();
    }

    /** Removes and returns the next live event; call after {@link #peek()} returned one. */
    Scheduled poll() {
        peek();
        return queue.poll();
    }

    /** Live events matching {@code filter}, in the order they were scheduled (so dice drawn per event replay). */
    List<Scheduled> live(Predicate<Scheduled> filter) {
        List<Scheduled> out = new ArrayList<>();
        for (Scheduled s : queue) {
            if (!s.cancelled && filter.test(s)) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingLong(s -> s.sequence));
        return out;
    }

    /** Whether any live event matches. */
    boolean any(Predicate<Scheduled> filter) {
        for (Scheduled s : queue) {
            if (!s.cancelled && filter.test(s)) {
                return true;
            }
        }
        return false;
    }
}
