package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Step;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one simulated session did.
 *
 * @param seed the simulator seed: {@code new Simulator(seed)} reproduces the session exactly
 * @param config the machine config the session ran under
 * @param profile how its world misbehaved
 * @param start how the session was started
 * @param inputs every input fed to the machine, in order: with {@code config} and {@code start}, a
 *     complete trace that replays bit for bit
 * @param steps the step returned for each input, when recording steps was asked for; else empty
 * @param violation the first broken rule, if any
 * @param tally what the session exercised
 * @param properties the extra properties that were checked
 */
public record SimulationResult(long seed, MachineConfig config, WorldProfile profile, SessionStart start,
        List<Input> inputs, List<Step> steps, Optional<Violation> violation, Tally tally, List<Property> properties) {

    /** Validates fields and freezes the lists. */
    public SimulationResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(start, "start");
        inputs = List.copyOf(inputs);
        steps = List.copyOf(steps);
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(tally, "tally");
        properties = List.copyOf(properties);
    }

    /** Whether every rule held. */
    public boolean passed() {
        return violation.isEmpty();
    }
}
