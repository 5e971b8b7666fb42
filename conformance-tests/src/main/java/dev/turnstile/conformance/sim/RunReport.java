package dev.turnstile.conformance.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of many simulated sessions: how many ran, how fast, what they exercised, and each
 * failure with its seed, shrunk trace and trace file.
 *
 * @param baseSeed the seed every session seed was derived from
 * @param sessions sessions run
 * @param inputs inputs stepped over all sessions
 * @param elapsedNanos wall time of the run
 * @param cpuNanos CPU time the simulation threads used (0 where the JVM cannot measure it)
 * @param failures failed sessions, in seed order
 * @param tally what the sessions exercised, summed
 */
public record RunReport(long baseSeed, int sessions, long inputs, long elapsedNanos, long cpuNanos, List<Failure> failures,
        Tally tally) {

    /**
     * One failed session.
     *
     * @param seed re-run it with {@code new Simulator(seed)} or {@code -Dturnstile.sim.seed=<seed>}
     * @param violation the rule it broke
     * @param shrunk the minimal failing trace, if shrinking was on
     * @param traceFile where the shrunk trace was written, if anywhere
     */
    public record Failure(long seed, Violation violation, Optional<Shrinker.ShrinkResult> shrunk,
            Optional<Path> traceFile) {
        /** Validates fields. */
        public Failure {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(shrunk, "shrunk");
            Objects.requireNonNull(traceFile, "traceFile");
        }

        @Override
        public String toString() {
            return "seed " + seed + " (0x" + Long.toHexString(seed) + "): " + violation
                    + shrunk.map(s -> "\n    shrunk from " + s.originalSize() + " to " + s.inputs().size()
                            + " inputs in " + s.replays() + " replays: " + s.violation()).orElse("")
                    + traceFile.map(f -> "\n    trace: " + f).orElse("");
        }
    }

    /** Validates fields and freezes the list. */
    public RunReport {
        failures = List.copyOf(failures);
        Objects.requireNonNull(tally, "tally");
    }

    /** Whether every session passed. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** Sessions per second of wall time. */
    public double sessionsPerSecond() {
        return sessions / Math.max(elapsedNanos / 1e9, 1e-9);
    }

    /** Sessions per second of CPU time on one core: the speed regardless of other load on the machine. */
    public double sessionsPerCpuSecond() {
        return sessions / Math.max(cpuNanos / 1e9, 1e-9);
    }

    /** A human-readable summary: seeds, speed, and every failure. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("simulated %,d sessions (%,d inputs) from base seed %d in %.1f s: %,.0f sessions/s, "
                        + "%,.0f steps/s%n", sessions, inputs, baseSeed, elapsedNanos / 1e9, sessionsPerSecond(),
                inputs / Math.max(elapsedNanos / 1e9, 1e-9)));
        if (cpuNanos > 0) {
            out.append(String.format("  %.1f CPU-seconds: %,.0f sessions per CPU-second%n", cpuNanos / 1e9,
                    sessionsPerCpuSecond()));
        }
        if (failures.isEmpty()) {
            out.append("every invariant held\n");
        }
        for (Failure f : failures) {
            out.append("FAILED ").append(f).append('\n');
        }
        return out.toString();
    }
}
