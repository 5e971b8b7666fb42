package dev.turnstile.machine;

import io.vavr.collection.Vector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Collects the declared transitions that scenarios fire, and which scenario fired each first, so
 * that a test can list the rows of {@link Transitions#TABLE} that nothing exercises.
 */
public class TransitionRecorder {

    /** A recorder that keeps nothing. */
    public static final TransitionRecorder NONE = new TransitionRecorder() {
        @Override
        public void record(String scenario, Vector<Transitions.Row> rows) {}
    };

    private final Map<String, String> firstScenarioByRow = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Records {@code rows} fired by one step of {@code scenario}. */
    public void record(String scenario, Vector<Transitions.Row> rows) {
        rows.forEach(r -> firstScenarioByRow.putIfAbsent(r.key(), scenario));
    }

    /** The keys of the rows fired so far. */
    public Set<String> fired() {
        synchronized (firstScenarioByRow) {
            return new LinkedHashSet<>(firstScenarioByRow.keySet());
        }
    }

    /** The declared rows never fired, in table order. */
    public Vector<Transitions.Row> unvisited() {
        Set<String> fired = fired();
        return Transitions.TABLE.filter(r -> !fired.contains(r.key()));
    }

    /** The scenario that first fired {@code rowKey}, if any. */
    public String firstScenario(String rowKey) {
        return firstScenarioByRow.get(rowKey);
    }
}
