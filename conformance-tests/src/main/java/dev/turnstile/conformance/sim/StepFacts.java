package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.machine.Wake;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * What the checker derives once per step: the wake before it, and, when a deadline was due before
 * the input or the input was rejected, what time alone would have done (the machine fires due
 * deadlines before looking at an input, so those effects are a prefix of the step's effects).
 */
final class StepFacts {

    final ObservedStep observed;
    final Option<Wake> wakeBefore;
    final boolean deadlineDue;
    /** Effects that time alone produced before the input was looked at (without the trailing checkpoint). */
    final Vector<Effect> preFired;
    /** The state after time alone, or null when neither due nor rejected. */
    final SessionState timeOnly;

    StepFacts(TurnMachine machine, ObservedStep observed) {
        this.observed = observed;
        this.wakeBefore = machine.wake(observed.before());
        Input input = observed.input();
        this.deadlineDue = wakeBefore.exists(w -> !input.at().isBefore(w.at()));
        boolean answer = !(input instanceof Input.TimeAdvanced);
        if ((deadlineDue && answer) || observed.rejected()) {
            Step time = machine.step(observed.before(), new Input.TimeAdvanced(input.at()));
            this.timeOnly = time.state();
            this.preFired = deadlineDue && answer
                    ? time.effects().filter(e -> !(e instanceof Effect.SaveCheckpoint))
                    : Vector.empty();
        } else {
            this.timeOnly = null;
            this.preFired = Vector.empty();
        }
    }

    ObservedStep step() {
        return observed;
    }
}
