package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.Meter;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.model.Message;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The checker is not vacuous: real sessions pass, and the same sessions with one step tampered
 * with (as a buggy machine might return it) break the expected invariant.
 */
class CheckerCatchesTamperingTest {

    @Test
    void aDroppedAbandonLeavesWorkInFlightPastItsDeadline() {
        assertCaught(s -> s.commands().exists(e -> e instanceof Effect.Abandon),
                s -> new Step(s.state(), s.effects().filter(e -> !(e instanceof Effect.Abandon)), s.wake()),
                Invariant.DEADLINES_HONOURED, Invariant.EFFECTS_SETTLED, Invariant.WAKE_IN_TIME);
    }

    @Test
    void aToolRunIssuedTwiceIsCaught() {
        assertCaught(s -> s.commands().exists(e -> e instanceof Effect.RunTool),
                s -> new Step(s.state(), s.effects().append(s.commands().find(e -> e instanceof Effect.RunTool).get()),
                        s.wake()),
                Invariant.EFFECT_IDS_INCREASING);
    }

    @Test
    void foreignLabelsAreCaught() {
        assertCaught(s -> s.commands().exists(e -> e instanceof Effect.CallModel),
                s -> new Step(s.state(), s.effects().map(e -> e instanceof Effect.CallModel c
                        ? new Effect.CallModel(c.id(), c.request(), c.deadline(), c.attempt(), Labels.NONE)
                        : e), s.wake()),
                Invariant.LABELS);
    }

    @Test
    void aTranscriptMissingAToolResultIsCaught() {
        assertCaught(s -> s.commands().exists(e -> e instanceof Effect.CallModel)
                        && s.state().transcript().last() instanceof dev.turnstile.model.ToolResultMessage
                        && s.state().transcript().size() > 3,
                s -> withTranscript(s, s.state().transcript().removeAt(s.state().transcript().size() - 1)),
                Invariant.TRANSCRIPT_VALID, Invariant.TRANSCRIPT_APPEND_ONLY);
    }

    @Test
    void resultsOutOfCallOrderAreCaught() {
        assertCaught(s -> s.commands().exists(e -> e instanceof Effect.CallModel) && lastTwoAreResults(s.state()),
                s -> {
                    Vector<Message> t = s.state().transcript();
                    int n = t.size();
                    return withTranscript(s, t.update(n - 1, t.get(n - 2)).update(n - 2, t.get(n - 1)));
                },
                Invariant.TRANSCRIPT_VALID);
    }

    @Test
    void aResetSessionMeterIsCaught() {
        assertCaught(s -> s.state().sessionMeter().rounds() > 1,
                s -> withMeter(s, Meter.EMPTY),
                Invariant.METERS_MONOTONE);
    }

    @Test
    void aWakeInThePastIsCaught() {
        assertCaught(s -> s.wake().isDefined(),
                s -> new Step(s.state(), s.effects(),
                        s.wake().map(w -> new dev.turnstile.machine.Wake(s.state().now(), w.reason()))),
                Invariant.WAKE_IN_TIME);
    }

    /**
     * Finds the first session step matching {@code where}, replaces it with {@code tamper(step)}, and
     * checks the checker reports one of {@code expected} at exactly that step.
     */
    private static void assertCaught(Predicate<Step> where, UnaryOperator<Step> tamper, Invariant... expected) {
        for (int i = 0; i < 500; i++) {
            SimulationResult run = new Simulator(SimulationRunner.sessionSeed(31, i)).recordingSteps().run();
            assertTrue(run.passed(), () -> run.violation().toString());
            for (int k = 0; k < run.steps().size(); k++) {
                if (!where.test(run.steps().get(k))) {
                    continue;
                }
                InvariantChecker checker = new InvariantChecker(run.config(), run.start(), List.of());
                SessionState before = run.start().startOn(new dev.turnstile.machine.TurnMachine(run.config()));
                for (int j = 0; j < k; j++) {
                    Step real = run.steps().get(j);
                    assertEquals(Optional.empty(), checker.afterStep(new ObservedStep(j, before, run.inputs().get(j), real)));
                    before = real.state();
                }
                Step bad = tamper.apply(run.steps().get(k));
                Optional<Violation> caught = checker.afterStep(new ObservedStep(k, before, run.inputs().get(k), bad));
                if (caught.isEmpty() && k + 1 < run.steps().size()) {
                    // Some tampering only shows once time moves on (work left in flight past its deadline).
                    Step next = run.steps().get(k + 1);
                    caught = checker.afterStep(new ObservedStep(k + 1, bad.state(), run.inputs().get(k + 1), next));
                }
                Optional<Violation> found = caught;
                assertTrue(found.isPresent() && List.of(expected).contains(found.get().invariant()),
                        () -> "expected one of " + List.of(expected) + ", got " + found);
                return;
            }
        }
        throw new AssertionError("no session had a step to tamper with");
    }

    private static boolean lastTwoAreResults(SessionState state) {
        Vector<Message> t = state.transcript();
        return t.size() >= 3 && t.get(t.size() - 1) instanceof dev.turnstile.model.ToolResultMessage
                && t.get(t.size() - 2) instanceof dev.turnstile.model.ToolResultMessage;
    }

    /** The step with another state, its checkpoints showing that state (a consistently buggy machine). */
    private static Step consistent(Step s, SessionState changed) {
        return new Step(changed, s.effects().map(e -> e instanceof Effect.SaveCheckpoint ? new Effect.SaveCheckpoint(changed)
                : e), s.wake());
    }

    private static Step withTranscript(Step s, Vector<Message> transcript) {
        SessionState x = s.state();
        SessionState changed = new SessionState(x.sessionId(), x.labels(), x.now(), x.prng(), x.lastEffectId(), x.turn(),
                x.approvalsIssued(), x.phase(), x.turnProgress(), transcript, x.queued(), x.idempotencyKeys(),
                x.sessionMeter(), x.usageByModel(), x.promptEstimate(), x.approvals(), x.lastOutcome());
        return consistent(s, changed);
    }

    private static Step withMeter(Step s, Meter meter) {
        SessionState x = s.state();
        SessionState changed = new SessionState(x.sessionId(), x.labels(), x.now(), x.prng(), x.lastEffectId(), x.turn(),
                x.approvalsIssued(), x.phase(), x.turnProgress(), x.transcript(), x.queued(), x.idempotencyKeys(),
                meter, x.usageByModel(), x.promptEstimate(), x.approvals(), x.lastOutcome());
        return consistent(s, changed);
    }
}
