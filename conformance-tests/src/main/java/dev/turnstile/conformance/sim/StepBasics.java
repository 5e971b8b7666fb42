package dev.turnstile.conformance.sim;

import static dev.turnstile.conformance.sim.Broken.require;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.SessionState;
import java.time.Instant;

/** Time, wake-ups, labels, checkpoints and rejections: the rules every single step must obey. */
final class StepBasics {

    private final SessionStart start;

    StepBasics(SessionStart start) {
        this.start = start;
    }

    void check(StepFacts f) {
        ObservedStep s = f.step();
        SessionState before = s.before();
        SessionState after = s.after();
        Instant expectedNow = s.input().at().isAfter(before.now()) ? s.input().at() : before.now();
        require(after.now().equals(expectedNow), Invariant.NOW_MONOTONE,
                () -> "now is " + after.now() + ", expected max(" + before.now() + ", " + s.input().at() + ")");
        s.step().wake().forEach(w -> require(w.at().isAfter(after.now()), Invariant.WAKE_IN_TIME,
                () -> "wake " + w + " is not after now " + after.now()));
        if (f.deadlineDue) {
            require(!after.phase().equals(before.phase()) || !after.turnProgress().equals(before.turnProgress()),
                    Invariant.WAKE_FIRES, () -> "the wake " + f.wakeBefore.get() + " was due at " + s.input().at()
                            + " but nothing fired; phase stays " + after.phase());
        }
        for (Effect effect : s.effects()) {
            checkLabels(effect, after);
        }
        if (s.rejected()) {
            require(after.equals(f.timeOnly), Invariant.REJECTION_CHANGES_NOTHING,
                    () -> "the rejected " + s.input().getClass().getSimpleName()
                            + " changed the state beyond what time alone does");
        }
    }

    private void checkLabels(Effect effect, SessionState after) {
        Labels expected = start.labels();
        switch (effect) {
            case Effect.CallModel c -> requireLabels(c.labels(), expected, effect);
            case Effect.RunTool r -> requireLabels(r.labels(), expected, effect);
            case Effect.CheckBudget b -> requireLabels(b.labels(), expected, effect);
            case Effect.RequestApproval a -> requireLabels(a.labels(), expected, effect);
            case Effect.SaveCheckpoint cp -> require(cp.snapshot().equals(after), Invariant.CHECKPOINT_IS_STATE,
                    () -> "a checkpoint's snapshot differs from the state the step returned");
            case Effect.Abandon a -> { }
            case Effect.Emit(Event event) -> {
                var cx = event.context();
                require(cx.sessionId().equals(start.sessionId()) && cx.labels().equals(expected), Invariant.LABELS,
                        () -> "event " + event.getClass().getSimpleName() + " carries " + cx.sessionId() + "/"
                                + cx.labels() + ", the session is " + start.sessionId() + "/" + expected);
                require(cx.at().equals(after.now()), Invariant.LABELS,
                        () -> "event " + event.getClass().getSimpleName() + " is stamped " + cx.at()
                                + ", the step's time is " + after.now());
            }
        }
    }

    private static void requireLabels(Labels actual, Labels expected, Effect effect) {
        require(actual.equals(expected), Invariant.LABELS,
                () -> effect.getClass().getSimpleName() + " carries labels " + actual + ", the session has " + expected);
    }
}
