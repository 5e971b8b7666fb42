package dev.turnstile.conformance.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * Named counters (outcomes, input kinds, rejections, transitions fired), merged over sessions so a
 * run can show what the simulated worlds actually exercised.
 */
public final class Tally {

    private final TreeMap<String, Long> counts = new TreeMap<>();

    /** Adds one to {@code name}. */
    public void add(String name) {
        counts.merge(name, 1L, Long::sum);
    }

    /** Adds all of {@code other}'s counts. */
    public synchronized void addAll(Tally other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    /** The count of {@code name}, 0 if never added. */
    public long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** Every counter, sorted by name. */
    public Map<String, Long> asMap() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        counts.forEach((k, v) -> out.append(String.format("  %-90s %,d%n", k, v)));
        return out.toString();
    }
}
