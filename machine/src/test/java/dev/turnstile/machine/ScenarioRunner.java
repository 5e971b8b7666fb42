package dev.turnstile.machine;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs {@link Scenario}s through a fresh {@link TurnMachine}: steps every input with
 * {@link TurnMachine#stepTraced}, hands the transitions fired to a {@link TransitionRecorder}, and,
 * when asked, checks each stage's {@link Expect}ation, failing with the scenario, the stage and a
 * field-by-field difference.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {}

    /** One JUnit test per scenario, each checking every stage. */
    public static Stream<DynamicTest> tests(Vector<Scenario> scenarios) {
        return scenarios.toJavaStream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
    }

    /** Runs {@code scenario} and checks every expectation; throws {@link AssertionError} on the first failing stage. */
    public static Vector<TracedStep> check(Scenario scenario) {
        return run(scenario, TransitionRecorder.NONE, true);
    }

    /** Runs {@code scenario} without checking expectations, recording the transitions fired. */
    public static Vector<TracedStep> record(Scenario scenario, TransitionRecorder recorder) {
        return run(scenario, recorder, false);
    }

    private static Vector<TracedStep> run(Scenario scenario, TransitionRecorder recorder, boolean check) {
        TurnMachine machine = new TurnMachine(scenario.config());
        SessionState state = machine.start(scenario.sessionId(), scenario.seed(), scenario.startedAt(), scenario.labels());
        Option<Wake> wake = machine.wake(state);
        Vector<TracedStep> steps = Vector.empty();
        int index = 0;
        for (Scenario.Stage stage : scenario.stages()) {
            index++;
            TracedStep traced;
            try {
                traced = machine.stepTraced(state, stage.input());
            } catch (RuntimeException e) {
                throw new AssertionError(where(scenario, index, stage) + " threw (the machine must be total): " + e, e);
            }
            recorder.record(scenario.name(), traced.transitions());
            if (check) {
                Expect expect = new Expect(scenario, stage.input(), state, wake);
                stage.expectation().accept(state, expect);
                List<String> omitted = expect.omissions();
                if (!omitted.isEmpty()) {
                    throw new AssertionError(where(scenario, index, stage) + ": the expectation does not state "
                            + String.join(", ", omitted) + "; a stage must describe the whole step");
                }
                List<String> mismatches = expect.mismatches(traced);
                if (!mismatches.isEmpty()) {
                    throw new AssertionError(where(scenario, index, stage) + " differs:\n  "
                            + String.join("\n  ", mismatches));
                }
            }
            state = traced.step().state();
            wake = traced.step().wake();
            steps = steps.append(traced);
        }
        return steps;
    }

    private static String where(Scenario scenario, int index, Scenario.Stage stage) {
        return "scenario \"" + scenario.name() + "\", stage " + index + " (" + stage.input() + ")";
    }
}
