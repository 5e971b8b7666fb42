package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shrinker turns a long failing session into a small trace that still fails the same way. */
public class ShrinkerTest {

    /** A deliberately false property: turns often need three or more rounds. */
    public static final Property AT_MOST_TWO_ROUNDS = Property.of("no turn has more than 2 rounds",
            step -> step.events().find(e -> e instanceof Event.ModelCallStarted m && m.round() > 2)
                    .map(e -> "round " + ((Event.ModelCallStarted) e).round() + " started").toJavaOptional());

    @Test
    void aPlantedFailureDeepInASessionShrinksToAFewInputsThatStillFail(@TempDir Path dir) {
        SimulationResult failed = null;
        for (int i = 0; failed == null && i < 20_000; i++) {
            SimulationResult run = new Simulator(SimulationRunner.sessionSeed(7, i)).withProperty(AT_MOST_TWO_ROUNDS).run();
            if (run.violation().filter(v -> v.stepIndex() >= 25).isPresent()) {
                failed = run;
            }
        }
        assertTrue(failed != null, "the planted property should fail late in some session");
        Violation original = failed.violation().orElseThrow();
        System.out.println("seed " + failed.seed() + " fails at step " + original.stepIndex() + ": " + original);

        Shrinker.ShrinkResult shrunk = Shrinker.shrink(failed);
        System.out.println("shrunk from " + shrunk.originalSize() + " to " + shrunk.inputs().size() + " inputs in "
                + shrunk.replays() + " replays");
        assertEquals("no turn has more than 2 rounds", shrunk.violation().key());
        assertTrue(shrunk.inputs().size() <= 10, () -> "shrunk to " + shrunk.inputs().size() + " inputs: "
                + shrunk.inputs());

        // The shrunk trace, alone and read back from its file, still breaks the same property.
        Optional<Violation> again = Replay.run(failed.config(), failed.start(), shrunk.inputs(),
                List.of(AT_MOST_TWO_ROUNDS), true).violation();
        assertTrue(again.isPresent() && again.get().sameRule(original), () -> "replayed: " + again);
        Path file = TraceFile.write(dir, failed, shrunk);
        TraceFile.Trace trace = TraceFile.read(file);
        assertEquals(shrunk.inputs(), trace.inputs());
        assertEquals(Optional.of("no turn has more than 2 rounds"), trace.violationKey());
        Optional<Violation> fromFile = Replay.run(trace.config(), trace.start(), trace.inputs(),
                List.of(AT_MOST_TWO_ROUNDS), true).violation();
        assertTrue(fromFile.isPresent() && fromFile.get().sameRule(original), () -> "from file: " + fromFile);
    }

    @Test
    void theRunnerReportsShrinksAndWritesFailures(@TempDir Path dir) {
        RunReport report = SimulationRunner.builder()
                .baseSeed(7).sessions(500).threads(2).maxFailures(1)
                .property(AT_MOST_TWO_ROUNDS)
                .traceDirectory(dir)
                .log(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .run();
        assertFalse(report.passed(), "the planted property should fail somewhere");
        RunReport.Failure failure = report.failures().get(0);
        assertTrue(failure.shrunk().isPresent() && failure.traceFile().isPresent());
        assertTrue(Files.exists(failure.traceFile().get()));
        assertTrue(report.summary().contains("seed " + failure.seed()), report.summary());
    }

    @Test
    void aPassingTraceCannotBeShrunk() {
        SimulationResult passed = new Simulator(11).run();
        assertTrue(passed.passed(), () -> passed.violation().toString());
        Violation made = Violation.of(Invariant.CUSTOM, "made up", 0);
        try {
            Shrinker.shrink(passed.config(), passed.start(), passed.inputs(), List.of(), made, 10);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("do not break"));
            return;
        }
        throw new AssertionError("shrinking a passing trace must be refused");
    }
}
