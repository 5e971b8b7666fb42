package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Replay is exact: the recorded inputs of a session, fed to a fresh machine from the same start,
 * give identical steps (states, effects, wake-ups), also after a trip through the trace file format.
 */
class ReplayPropertyTest {

    @Test
    void recordedInputsReplayToIdenticalSteps() {
        int sessions = Integer.getInteger("turnstile.sim.replaySessions", 400);
        for (int i = 0; i < sessions; i++) {
            long seed = SimulationRunner.sessionSeed(99, i);
            SimulationResult run = new Simulator(seed).recordingSteps().run();
            assertTrue(run.passed(), () -> "seed " + seed + ": " + run.violation().get());
            Replay.Result replay = Replay.run(run.config(), run.start(), run.inputs(), List.of(), true);
            assertEquals(Optional.empty(), replay.violation(), "seed " + seed);
            assertEquals(List.of(), replay.drained(), "seed " + seed + ": a finished session needs no drain");
            assertSameSteps(seed, run.steps(), replay.steps());
        }
    }

    @Test
    void tracesSurviveTheFileFormatAndReplayIdentically() {
        for (int i = 0; i < 100; i++) {
            long seed = SimulationRunner.sessionSeed(123, i);
            SimulationResult run = new Simulator(seed).recordingSteps().run();
            TraceFile.Trace trace = TraceFile.parse(TraceFile.render(run, run.inputs(), Optional.empty()));
            assertEquals(run.config(), trace.config(), "seed " + seed + ": config round trip");
            assertEquals(run.start(), trace.start(), "seed " + seed + ": start round trip");
            assertEquals(run.inputs(), trace.inputs(), "seed " + seed + ": inputs round trip");
            assertEquals(seed, trace.simulator().path("seed").asLong());
            Replay.Result replay = Replay.run(trace.config(), trace.start(), trace.inputs(), List.of(), true);
            assertSameSteps(seed, run.steps(), replay.steps());
        }
    }

    @Test
    void theSameSeedGivesTheSameSession() {
        for (int i = 0; i < 50; i++) {
            long seed = SimulationRunner.sessionSeed(5, i);
            Simulator simulator = new Simulator(seed).recordingSteps();
            SimulationResult first = simulator.run();
            SimulationResult second = simulator.run();
            assertEquals(first.inputs(), second.inputs(), "seed " + seed);
            assertSameSteps(seed, first.steps(), second.steps());
            assertEquals(first.inputs(), new Simulator(seed).run().inputs(), "seed " + seed);
        }
    }

    private static void assertSameSteps(long seed, List<Step> expected, List<Step> actual) {
        assertEquals(expected.size(), actual.size(), "seed " + seed + ": step count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "seed " + seed + ": step " + i + " differs");
        }
    }
}
