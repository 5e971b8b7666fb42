package dev.turnstile.machine;

import io.vavr.collection.Vector;
import java.util.Objects;

/** A {@link Step} together with the declared transitions it fired, in order. */
public record TracedStep(Step step, Vector<Transitions.Row> transitions) {
    /** Validates fields. */
    public TracedStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(transitions, "transitions");
    }
}
