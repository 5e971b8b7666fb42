package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.codec.MachineCodec;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * The same inputs give the same steps, and every state survives JSON, so that a journal replays and
 * a checkpoint resumes bit for bit. Runs over every scenario of the suite.
 */
class DeterminismTest {

    @TestFactory
    Stream<DynamicTest> twoFreshMachinesGiveEqualSteps() {
        return Scenarios.all().toJavaStream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Vector<TracedStep> first = ScenarioRunner.record(s, TransitionRecorder.NONE);
            Vector<TracedStep> second = ScenarioRunner.record(s, TransitionRecorder.NONE);
            assertEquals(first, second);
            assertEquals(first.map(t -> MachineCodec.encodeStep(t.step())),
                    second.map(t -> MachineCodec.encodeStep(t.step())));
        }));
    }

    @TestFactory
    Stream<DynamicTest> statesInputsAndStepsSurviveJson() {
        return Scenarios.all().toJavaStream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            TurnMachine machine = new TurnMachine(s.config());
            SessionState start = machine.start(s.sessionId(), s.seed(), s.startedAt(), s.labels());
            assertRoundTrips(start);
            for (TracedStep traced : ScenarioRunner.record(s, TransitionRecorder.NONE)) {
                Step step = traced.step();
                assertRoundTrips(step.state());
                assertEquals(step, MachineCodec.decodeStep(MachineCodec.encodeStep(step)));
                assertEquals(step.effects(), MachineCodec.decodeEffects(MachineCodec.encodeEffects(step.effects())));
            }
            for (Input input : s.inputs()) {
                assertEquals(input, MachineCodec.decodeInput(MachineCodec.encodeInput(input)));
            }
            assertEquals(s.config(), MachineCodec.decodeConfig(MachineCodec.encodeConfig(s.config())));
        }));
    }

    /**
     * A checkpoint taken after any step, written as JSON and read back into a machine built from the
     * config's JSON, continues exactly as the uninterrupted session did.
     */
    @TestFactory
    Stream<DynamicTest> resumingFromAnyCheckpointContinuesIdentically() {
        return Scenarios.all().toJavaStream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Vector<Step> original = ScenarioRunner.record(s, TransitionRecorder.NONE).map(TracedStep::step);
            TurnMachine restoredMachine = new TurnMachine(MachineCodec.decodeConfig(MachineCodec.encodeConfig(s.config())));
            Vector<Input> inputs = s.inputs();
            for (int k = 0; k < original.size(); k++) {
                SessionState state = MachineCodec.decodeState(MachineCodec.encodeState(original.get(k).state()));
                for (int i = k + 1; i < inputs.size(); i++) {
                    Step resumed = restoredMachine.step(state, inputs.get(i));
                    assertEquals(original.get(i), resumed, "resumed after step " + (k + 1) + ", step " + (i + 1));
                    state = resumed.state();
                }
            }
        }));
    }

    @Test
    void aDifferentSeedDrawsDifferentJitter() {
        Scenario seeded = RetryScenarios.backoffWithJitterThenSuccess();
        Vector<Step> zero = ScenarioRunner.record(seeded, TransitionRecorder.NONE).map(TracedStep::step);
        Vector<Step> other = ScenarioRunner.record(seeded.seed(42), TransitionRecorder.NONE).map(TracedStep::step);
        assertEquals(zero.get(0).effects(), other.get(0).effects(), "the first step draws nothing");
        org.junit.jupiter.api.Assertions.assertNotEquals(zero.get(1).wake(), other.get(1).wake(),
                "the backoff after the first failure depends on the seed");
    }

    private static void assertRoundTrips(SessionState state) {
        String json = MachineCodec.encodeState(state);
        SessionState back = MachineCodec.decodeState(json);
        assertEquals(state, back);
        assertEquals(json, MachineCodec.encodeState(back), "encoding is canonical");
    }
}
