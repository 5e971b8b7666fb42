package dev.turnstile.conformance.aimock;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.host.ModelClient;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.Tool;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.SessionState;
import dev.turnstile.wire.StreamDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Runs one turn through a real {@link BlockingRuntime} and keeps everything an observer saw. */
final class Turns {

    /** Bounds a turn; only a failing test waits this long. */
    static final long WAIT_SECONDS = 30;

    private Turns() {}

    /**
     * What a turn left behind.
     *
     * @param observations every event and live delta of the session, in cursor order
     * @param state the session's state after the turn
     */
    record Run(Outcome outcome, List<Observation> observations, SessionState state) {

        List<Event> events() {
            return observations.stream().filter(o -> o instanceof Observation.EventObserved)
                    .map(o -> ((Observation.EventObserved) o).event()).toList();
        }

        <E extends Event> List<E> events(Class<E> type) {
            return events().stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<Event.RetryScheduled> retries() {
            return events(Event.RetryScheduled.class);
        }

        /** The text deltas observers saw for one model call, joined. */
        String liveText(EffectId call) {
            StringBuilder text = new StringBuilder();
            for (Observation o : observations) {
                if (o instanceof Observation.DeltaObserved d && d.effectId().equals(call)
                        && d.delta() instanceof StreamDelta.TextDelta t) {
                    text.append(t.text());
                }
            }
            return text.toString();
        }
    }

    /** Sends {@code userText} in a new session of a new runtime and waits for the turn's outcome. */
    static Run run(String testId, ModelClient model, List<Tool> tools, MachineConfig config, String userText)
            throws Exception {
        long seed = seed(testId);
        try (BlockingRuntime runtime = BlockingRuntime.builder().model(model).tools(tools).inMemoryStore().build()) {
            Session session = runtime.open(SessionOptions.of(testId, config).withSeed(seed));
            long cursor = session.observations().lastCursor();
            session.send(userText).get(WAIT_SECONDS, TimeUnit.SECONDS);
            Outcome outcome = session.turnFinished(cursor).get(WAIT_SECONDS, TimeUnit.SECONDS);
            return new Run(outcome, all(session, cursor), session.snapshot());
        }
    }

    private static List<Observation> all(Session session, long after) {
        List<Observation> out = new ArrayList<>();
        long cursor = after;
        while (true) {
            List<Observation> batch = session.observations().read(cursor, 256);
            if (batch.isEmpty()) {
                return out;
            }
            for (Observation o : batch) {
                if (o instanceof Observation.Gap gap) {
                    throw new IllegalStateException("observations were trimmed: " + gap.after() + ".." + gap.cursor());
                }
            }
            out.addAll(batch);
            cursor = batch.get(batch.size() - 1).cursor();
        }
    }

    /** The session seed (retry jitter): {@code -Dturnstile.seed}, else fresh; printed so a failure can be rerun. */
    private static long seed(String testId) {
        String fixed = System.getProperty("turnstile.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
        System.out.println(testId + ": seed " + seed + " (rerun with -Dturnstile.seed=" + seed + ")");
        return seed;
    }
}
