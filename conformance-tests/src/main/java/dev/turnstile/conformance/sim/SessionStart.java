package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Labels;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TurnMachine;
import java.time.Instant;
import java.util.Objects;

/**
 * The arguments of {@link TurnMachine#start}: together with the config and the inputs, everything
 * needed to replay a session bit for bit.
 */
public record SessionStart(String sessionId, long machineSeed, Instant at, Labels labels) {

    /** Validates fields. */
    public SessionStart {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(labels, "labels");
    }

    /** The start state of this session on {@code machine}. */
    public SessionState startOn(TurnMachine machine) {
        return machine.start(sessionId, machineSeed, at, labels);
    }
}
