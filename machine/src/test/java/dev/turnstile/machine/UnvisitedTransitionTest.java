package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Every row of {@link Transitions#TABLE} must be exercised by some scenario. The scenarios are run
 * here again (not collected from other tests), so the result does not depend on test order.
 */
class UnvisitedTransitionTest {

    @Test
    void everyDeclaredTransitionIsExercisedByAScenario() {
        TransitionRecorder recorder = new TransitionRecorder();
        Scenarios.all().forEach(s -> ScenarioRunner.record(s, recorder));
        Vector<Transitions.Row> unvisited = recorder.unvisited();
        if (!unvisited.isEmpty()) {
            fail(unvisited.size() + " declared transition(s) never exercised by any scenario:\n  "
                    + unvisited.map(r -> r.key() + "   (" + r.why() + ")").mkString("\n  "));
        }
    }

    @Test
    void scenarioNamesAreUnique() {
        Vector<String> names = Scenarios.all().map(Scenario::name);
        assertEquals(names.distinct().size(), names.size(), "duplicate scenario names: "
                + names.groupBy(n -> n).filterValues(v -> v.size() > 1).keySet());
    }

    @Test
    void theRecorderReportsRowsThatNoScenarioFired() {
        TransitionRecorder recorder = new TransitionRecorder();
        ScenarioRunner.record(BasicScenarios.plainAnswer(), recorder);
        Vector<String> unvisited = recorder.unvisited().map(Transitions.Row::key);
        assertTrue(unvisited.contains("AwaitingApproval --Recovered--> AwaitingApproval"), unvisited::toString);
        assertTrue(!unvisited.contains("AwaitingUser --UserMessageReceived--> AwaitingModel"), unvisited::toString);
        assertEquals(Transitions.TABLE.size() - 2, unvisited.size(), "plain answer fires exactly two rows");
    }

    @Test
    void everyTransitionFiredIsDeclared() {
        Scenarios.all().forEach(s -> ScenarioRunner.record(s, new TransitionRecorder() {
            @Override
            public void record(String scenario, Vector<Transitions.Row> rows) {
                rows.forEach(r -> assertTrue(Transitions.declares(r.from(), r.trigger(), r.to()),
                        () -> scenario + " fired the undeclared " + r.key()));
            }
        }));
    }
}
