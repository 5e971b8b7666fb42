package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.machine.Wake;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Feeds recorded inputs to a fresh machine from the same start, checking every step, then (when
 * asked) drains the session as a quiet world would: time passes to each wake-up and a turn waiting
 * for a decision nobody makes is cancelled. Used to re-check traces, by the shrinker, and to prove
 * that replay is exact.
 */
public final class Replay {

    private static final int MAX_DRAIN_STEPS = 100_000;

    private final TurnMachine machine;
    private final InvariantChecker checker;
    private final List<Step> steps = new ArrayList<>();
    private final List<Input> drained = new ArrayList<>();
    private SessionState state;
    private Option<Wake> wake = Option.none();
    private Optional<Violation> violation = Optional.empty();

    /**
     * What a replay did.
     *
     * @param steps the step returned for each input (recorded ones first, then the drain's)
     * @param drained the inputs the drain added after the recorded ones
     * @param violation the first broken rule, if any
     * @param last the state after the last step
     */
    public record Result(List<Step> steps, List<Input> drained, Optional<Violation> violation, SessionState last) {
        /** Freezes the lists. */
        public Result {
            steps = List.copyOf(steps);
            drained = List.copyOf(drained);
        }
    }

    /** A replay of one session, fed input by input (see {@link #run} for the whole thing at once). */
    public Replay(MachineConfig config, SessionStart start, List<Property> properties) {
        this.machine = new TurnMachine(config);
        this.checker = new InvariantChecker(machine, start, properties);
        this.state = start.startOn(machine);
    }

    /**
     * Replays {@code inputs}.
     *
     * @param drain whether to drain the session after the inputs and check the end-of-session rules
     */
    public static Result run(MachineConfig config, SessionStart start, List<Input> inputs, List<Property> properties,
            boolean drain) {
        Replay replay = new Replay(config, start, properties);
        for (Input input : inputs) {
            if (replay.feed(input).isPresent()) {
                return replay.result();
            }
        }
        if (drain) {
            replay.drain();
        }
        return replay.result();
    }

    /**
     * Steps one input and checks the step; returns the first broken rule so far, if any (once a rule
     * broke, further inputs are ignored).
     */
    public Optional<Violation> feed(Input input) {
        if (violation.isPresent()) {
            return violation;
        }
        int index = steps.size();
        Step step;
        try {
            step = machine.step(state, input);
        } catch (RuntimeException | StackOverflowError e) {
            violation = Optional.of(InvariantChecker.thrown(index, input, e));
            return violation;
        }
        steps.add(step);
        violation = checker.afterStep(new ObservedStep(index, state, input, step));
        state = step.state();
        wake = step.wake();
        return violation;
    }

    /** How many inputs returned a step so far. */
    public int stepsTaken() {
        return steps.size();
    }

    /** The step the last input that returned normally produced, if any. */
    public Optional<Step> lastStep() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    /** Drains the session as a quiet world would, then checks the end-of-session rules. */
    public void drain() {
        while (violation.isEmpty() && drained.size() < MAX_DRAIN_STEPS) {
            Optional<Input> next = Drain.next(state, wake);
            if (next.isEmpty()) {
                break;
            }
            drained.add(next.get());
            feed(next.get());
        }
        if (violation.isEmpty()) {
            violation = state.turnRunning()
                    ? Optional.of(Drain.stuck(state, steps.size()))
                    : checker.atEnd(state, steps.size());
        }
    }

    /** What the replay did so far. */
    public Result result() {
        return new Result(steps, drained, violation, state);
    }
}
