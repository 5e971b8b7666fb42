package dev.turnstile.machine;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The result of {@link TurnMachine#step}: the next state, the effects to execute in order, and the
 * earliest deadline, if any, at which the adapter must feed {@link Input.TimeAdvanced}.
 */
public record Step(SessionState state, Vector<Effect> effects, Option<Wake> wake) {
    /** Validates fields. */
    public Step {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(effects, "effects");
        Objects.requireNonNull(wake, "wake");
    }

    /** The events among the effects, in order. */
    public Vector<Event> events() {
        return effects.filter(e -> e instanceof Effect.Emit).map(e -> ((Effect.Emit) e).event());
    }

    /** The effects that are commands for the adapter (everything but events). */
    public Vector<Effect> commands() {
        return effects.filter(e -> !(e instanceof Effect.Emit));
    }
}
