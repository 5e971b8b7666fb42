package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Identity labels (tenant, principal, agent template, correlation id) set at start are carried on
 * every event and on every effect that leaves the machine, in every scenario of the suite.
 */
class IdentityLabelsTest {

    @Test
    void everyEventAndEffectCarriesTheSessionsLabels() {
        int checked = 0;
        for (Scenario scenario : Scenarios.all()) {
            assertTrue(!scenario.labels().equals(Labels.NONE), scenario.name() + " must use non-empty labels");
            for (TracedStep traced : ScenarioRunner.record(scenario, TransitionRecorder.NONE)) {
                for (Effect effect : traced.step().effects()) {
                    Labels expected = scenario.labels();
                    String where = scenario.name() + ": " + effect;
                    switch (effect) {
                        case Effect.CallModel c -> assertEquals(expected, c.labels(), where);
                        case Effect.RunTool r -> assertEquals(expected, r.labels(), where);
                        case Effect.RequestApproval a -> assertEquals(expected, a.labels(), where);
                        case Effect.CheckBudget b -> assertEquals(expected, b.labels(), where);
                        case Effect.SaveCheckpoint s -> assertEquals(expected, s.snapshot().labels(), where);
                        case Effect.Abandon a -> { } // names an effect that already carried the labels
                        case Effect.Emit e -> {
                            assertEquals(expected, e.event().context().labels(), where);
                            assertEquals(scenario.sessionId(), e.event().context().sessionId(), where);
                        }
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 500, "too few effects checked: " + checked);
    }

    @Test
    void otherLabelsAreCarriedAsGiven() {
        Labels other = new Labels("globex", "hank", "billing-bot", "trace-9");
        Scenario scenario = ApprovalScenarios.approvalGranted().labels(other);
        Vector<Effect> effects = ScenarioRunner.record(scenario, TransitionRecorder.NONE).flatMap(t -> t.step().effects());
        assertTrue(effects.exists(e -> e instanceof Effect.RequestApproval r && r.labels().equals(other)));
        assertTrue(effects.forAll(e -> !(e instanceof Effect.Emit emit) || emit.event().context().labels().equals(other)));
    }
}
