package dev.turnstile.machine.trace;

import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TracedStep;
import dev.turnstile.machine.TurnMachine;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Replays a {@link Trace} through a fresh machine built from its header, and reports the first step
 * whose transitions, effects, wake or state digest differ, as (sequence, expected, actual).
 */
public final class TraceReplayer {

    private TraceReplayer() {}

    /**
     * The first divergent step.
     *
     * @param sequence the step's number (1 for the first input)
     * @param input the input of that step
     * @param part what differs: {@code transitions}, {@code effects}, {@code effects[i]}, {@code wake},
     *     {@code state} or {@code machine} (the machine threw)
     * @param expected the recorded value
     * @param actual what the machine produced now
     */
    public record Divergence(int sequence, Input input, String part, String expected, String actual) {
        /** Validates fields. */
        public Divergence {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(actual, "actual");
        }

        /** A readable report. */
        public String describe(Trace trace) {
            return "trace \"" + trace.scenario() + "\" (recorded by " + trace.header().machineVersion()
                    + ", replayed by " + TurnMachine.VERSION + ") diverges at step " + sequence + " ("
                    + input.getClass().getSimpleName() + " at " + input.at() + "): " + part + " differ\n"
                    + "  expected: " + expected + "\n"
                    + "  actual:   " + actual;
        }
    }

    /** The first divergence, or none when every step matches. */
    public static Option<Divergence> replay(Trace trace) {
        TurnMachine machine = new TurnMachine(trace.header().config());
        SessionState state = machine.start(trace.header().sessionId(), trace.header().seed(),
                trace.header().startedAt(), trace.header().labels());
        for (Trace.Step expected : trace.steps()) {
            TracedStep traced;
            try {
                traced = machine.stepTraced(state, expected.input());
            } catch (RuntimeException e) {
                return Option.some(new Divergence(expected.sequence(), expected.input(), "machine", "a step",
                        "an exception: " + e));
            }
            Trace.Step actual = TraceWriter.step(expected.sequence(), expected.input(), traced);
            Option<Divergence> divergence = compare(expected, actual);
            if (divergence.isDefined()) {
                return divergence;
            }
            state = traced.step().state();
        }
        return Option.none();
    }

    private static Option<Divergence> compare(Trace.Step expected, Trace.Step actual) {
        if (!expected.transitions().equals(actual.transitions())) {
            return diverged(expected, "transitions", expected.transitions().toString(), actual.transitions().toString());
        }
        if (!expected.effects().equals(actual.effects())) {
            return effectsDivergence(expected, actual);
        }
        if (!expected.wake().equals(actual.wake())) {
            return diverged(expected, "wake", expected.wake(), actual.wake());
        }
        if (!expected.stateDigest().equals(actual.stateDigest())) {
            return diverged(expected, "state", "digest " + expected.stateDigest(), "digest " + actual.stateDigest());
        }
        return Option.none();
    }

    private static Option<Divergence> effectsDivergence(Trace.Step expected, Trace.Step actual) {
        Vector<JsonNode> want = Vector.ofAll(TraceJson.tree(expected.effects()).valueStream().toList());
        Vector<JsonNode> got = Vector.ofAll(TraceJson.tree(actual.effects()).valueStream().toList());
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? TraceJson.text(want.get(i)) : "(no effect)";
            String g = i < got.size() ? TraceJson.text(got.get(i)) : "(no effect)";
            if (!w.equals(g)) {
                return diverged(expected, "effects[" + i + "] (of " + want.size() + " expected, " + got.size()
                        + " actual)", w, g);
            }
        }
        return diverged(expected, "effects", expected.effects(), actual.effects());
    }

    private static Option<Divergence> diverged(Trace.Step step, String part, String expected, String actual) {
        return Option.some(new Divergence(step.sequence(), step.input(), part, expected, actual));
    }
}
