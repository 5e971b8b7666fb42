package dev.turnstile.machine.trace;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.machine.Input;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * A recorded session: what started it and, for each input in order, what the machine answered.
 * Stored as JSON Lines: a header line, then one line per step (see {@link TraceWriter}).
 *
 * @param scenario a name for people
 * @param header session id, seed, start instant, labels, config and machine version
 * @param steps the steps, numbered from 1
 */
public record Trace(String scenario, JournalHeader header, Vector<Step> steps) {

    /** The format tag of the header line. */
    public static final String FORMAT = "turnstile-golden-trace/1";

    /** Validates fields. */
    public Trace {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(steps, "steps");
    }

    /** The inputs, in order. */
    public Vector<Input> inputs() {
        return steps.map(Step::input);
    }

    /**
     * One step.
     *
     * @param sequence 1 for the first input
     * @param input the input fed to the machine
     * @param transitions the declared transitions the step fired, as row keys
     * @param effects the step's effects as normalised canonical JSON (an array)
     * @param wake the step's wake as normalised JSON, or {@code null}
     * @param stateDigest SHA-256 of the next state's canonical JSON
     */
    public record Step(int sequence, Input input, Vector<String> transitions, String effects, String wake,
            String stateDigest) {
        /** Validates fields. */
        public Step {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(transitions, "transitions");
            Objects.requireNonNull(effects, "effects");
            Objects.requireNonNull(wake, "wake");
            Objects.requireNonNull(stateDigest, "stateDigest");
        }
    }
}
