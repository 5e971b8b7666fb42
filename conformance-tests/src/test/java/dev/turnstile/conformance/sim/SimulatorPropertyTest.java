package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.Transitions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The machine's invariants hold in many simulated sessions.
 *
 * <p>{@code -Dturnstile.sim.sessions=N} sets how many (default 20 000; the long run uses 1 000 000),
 * {@code -Dturnstile.sim.baseSeed=S} the base seed they are spread from ({@code random} for a fresh
 * one, printed), and {@code -Dturnstile.sim.seed=S} re-runs a single session seed from a failure report.
 * Shrunk traces of failures are written to {@code target/sim-failures/}. A run of at least 5 000
 * sessions must also take every transition the machine declares.
 */
class SimulatorPropertyTest {

    static final long DEFAULT_BASE_SEED = 20_260_101L;

    @Test
    void everyInvariantHoldsInEverySimulatedSession() {
        String single = System.getProperty("turnstile.sim.seed");
        SimulationRunner.Builder run = SimulationRunner.builder()
                .traceDirectory(Path.of("target", "sim-failures"));
        if (single != null && !single.isBlank()) {
            long seed = Long.decode(single.trim());
            SimulationResult result = new Simulator(seed).run();
            System.out.println("seed " + seed + ": " + result.inputs().size() + " inputs, "
                    + result.violation().map(Violation::toString).orElse("every invariant held"));
            if (!result.passed()) {
                Shrinker.ShrinkResult shrunk = Shrinker.shrink(result);
                Path file = TraceFile.write(Path.of("target", "sim-failures"), result, shrunk);
                System.out.println("shrunk to " + shrunk.inputs().size() + " inputs: " + file);
            }
            assertTrue(result.passed(), () -> "seed " + seed + ": " + result.violation().get());
            return;
        }
        RunReport report = run.sessions(Integer.getInteger("turnstile.sim.sessions", 20_000))
                .baseSeed(baseSeed())
                .run();
        System.out.println(report.tally());
        assertTrue(report.passed(), report::summary);
        if (report.sessions() >= 5_000) {
            List<String> unvisited = Transitions.TABLE.map(Transitions.Row::key)
                    .filter(key -> report.tally().get("transition " + key) == 0).toJavaList();
            assertEquals(List.of(), unvisited, "declared transitions no simulated session took");
        }
    }

    static long baseSeed() {
        String configured = System.getProperty("turnstile.sim.baseSeed", "");
        if (configured.isBlank()) {
            return DEFAULT_BASE_SEED;
        }
        return configured.trim().equals("random") ? System.nanoTime() : Long.decode(configured.trim());
    }
}
