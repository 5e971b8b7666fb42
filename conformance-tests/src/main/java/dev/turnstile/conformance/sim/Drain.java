package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Input;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Wake;
import io.vavr.control.Option;
import java.util.Optional;

/**
 * What happens once the world has nothing more to say: time passes to each wake-up, and a turn that
 * waits for a human decision nobody will make is cancelled by an operator. A running turn that waits
 * for nothing at all is stuck, which breaks {@link Invariant#TURN_TERMINATES}.
 */
final class Drain {

    private Drain() {}

    /** The next input of a drained world, or empty when the session is idle (or stuck). */
    static Optional<Input> next(SessionState state, Option<Wake> wake) {
        if (wake.isDefined()) {
            Wake w = wake.get();
            return Optional.of(new Input.TimeAdvanced(w.at().isAfter(state.now()) ? w.at() : state.now()));
        }
        return state.turnRunning() ? operatorCancel(state) : Optional.empty();
    }

    /** The operator's cancel when the running turn only waits for approvals; empty otherwise. */
    static Optional<Input> operatorCancel(SessionState state) {
        if (state.phase() instanceof Phase.AwaitingApproval) {
            return Optional.of(new Input.CancelRequested(
                    state.now().plusMillis(SimulationLoop.OPERATOR_PATIENCE_MILLIS), SimulationLoop.OPERATOR_CANCEL));
        }
        return Optional.empty();
    }

    /** The violation for a running turn with no wake-up and nothing it could wait for. */
    static Violation stuck(SessionState state, int stepIndex) {
        return Violation.of(Invariant.TURN_TERMINATES, "turn " + state.turn() + " waits for nothing: no wake-up, "
                + "no pending work, phase " + state.phase(), stepIndex);
    }
}
