package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * One step as a checker sees it: the state before, the input, and what {@code step} returned.
 *
 * @param index 0-based position of the input in the session's input list
 */
public record ObservedStep(int index, SessionState before, Input input, Step step) {

    /** Validates fields. */
    public ObservedStep {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(step, "step");
    }

    /** The state after the step. */
    public SessionState after() {
        return step.state();
    }

    /** The step's events, in order. */
    public Vector<Event> events() {
        return step.events();
    }

    /** The step's effects, in order. */
    public Vector<Effect> effects() {
        return step.effects();
    }

    /** Whether the machine rejected the input. */
    public boolean rejected() {
        return step.effects().exists(e -> e instanceof Effect.Emit(Event.InputRejected r));
    }
}
