package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TracedStep;
import dev.turnstile.machine.Transitions;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.machine.Wake;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives one session on a simulated clock: the next input is the earliest pending world event, or,
 * when the machine's wake comes first, {@code TimeAdvanced} at the wake (sometimes a little late, as
 * real timers are, and sometimes a stale timer armed for an earlier wake-up fires too). Inputs are
 * sometimes stamped earlier than the one before (clock skew). Nothing sleeps and nothing runs
 * concurrently; the session is a pure function of its seed. One loop runs one session, once.
 */
final class SimulationLoop {

    /** How long an operator waits before cancelling a turn that waits for a decision nobody makes. */
    static final long OPERATOR_PATIENCE_MILLIS = 3_600_000;
    static final String OPERATOR_CANCEL = "operator gave up waiting for an approval";
    private static final int MAX_SESSION_STEPS = 200_000;

    private final MachineConfig config;
    private final WorldProfile profile;
    private final SessionStart start;
    private final List<Property> properties;
    private final boolean recordSteps;
    private final TurnMachine machine;
    private final InvariantChecker checker;
    private final EventQueue queue = new EventQueue();
    private final SimWorld world;
    private final Dice clock;
    private final Tally tally = new Tally();
    private final List<Input> inputs = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private SessionState state;
    private Instant worldNow;
    private Option<Wake> wake = Option.none();
    private Optional<Violation> violation = Optional.empty();

    SimulationLoop(MachineConfig config, WorldProfile profile, SessionStart start, Dice dice,
            List<Property> properties, boolean recordSteps) {
        this.config = config;
        this.profile = profile;
        this.start = start;
        this.properties = properties;
        this.recordSteps = recordSteps;
        this.machine = new TurnMachine(config);
        this.checker = new InvariantChecker(machine, start, properties);
        this.world = new SimWorld(config, profile, dice.split(), queue, start.sessionId());
        this.clock = dice.split();
        this.state = start.startOn(machine);
        this.worldNow = start.at();
    }

    SimulationResult run(long seed) {
        world.begin(start.at());
        while (violation.isEmpty()) {
            Optional<Input> input = nextInput();
            if (input.isEmpty()) {
                break;
            }
            step(input.get());
        }
        if (violation.isEmpty()) {
            violation = checker.atEnd(state, inputs.size());
        }
        return new SimulationResult(seed, config, profile, start, inputs, steps, violation, tally, properties);
    }

    /** The next input on the simulated clock, or empty when the session is over (or stuck, a violation). */
    private Optional<Input> nextInput() {
        EventQueue.Scheduled next = queue.peek();
        if (wake.isDefined() && (next == null || wake.get().at().isBefore(next.at))) {
            Instant instant = later(worldNow, wake.get().at());
            if (clock.chance(profile.timerLatenessRate())) {
                Instant late = instant.plusMillis(clock.between(1, 500));
                instant = next == null || late.isBefore(next.at) ? late : instant;
            }
            worldNow = instant;
            return Optional.of(new Input.TimeAdvanced(stamp(instant)));
        }
        if (next != null) {
            queue.poll();
            world.delivered(next);
            worldNow = later(worldNow, next.at);
            return Optional.of(next.input.apply(stamp(worldNow)));
        }
        if (!state.turnRunning()) {
            return Optional.empty();
        }
        Optional<Input> operator = Drain.operatorCancel(state);
        if (operator.isEmpty()) {
            violation = Optional.of(Drain.stuck(state, inputs.size()));
        } else {
            worldNow = later(worldNow, operator.get().at());
        }
        return operator;
    }

    private void step(Input input) {
        inputs.add(input);
        int index = inputs.size() - 1;
        if (inputs.size() > MAX_SESSION_STEPS) {
            violation = Optional.of(Violation.of(Invariant.TURN_TERMINATES,
                    "the session did not drain within " + MAX_SESSION_STEPS + " steps", index));
            return;
        }
        TracedStep traced;
        try {
            traced = machine.stepTraced(state, input);
        } catch (RuntimeException | StackOverflowError e) {
            violation = Optional.of(InvariantChecker.thrown(index, input, e));
            return;
        }
        Step step = traced.step();
        violation = checker.afterStep(new ObservedStep(index, state, input, step));
        count(input, traced);
        if (recordSteps) {
            steps.add(step);
        }
        world.react(step, worldNow);
        if (wake.isDefined() && !step.wake().equals(wake) && clock.chance(profile.timerLatenessRate())) {
            // A timer armed for the old wake-up that nobody cancelled: it fires anyway, and must change nothing.
            queue.schedule(later(worldNow, wake.get().at()), EventQueue.Origin.OUTSIDE, 0, Input.TimeAdvanced::new);
        }
        state = step.state();
        wake = step.wake();
    }

    private Instant stamp(Instant instant) {
        return clock.chance(profile.skewRate()) ? instant.minusMillis(clock.between(1, 3_000)) : instant;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void count(Input input, TracedStep traced) {
        tally.add("input " + input.getClass().getSimpleName());
        for (Transitions.Row row : traced.transitions()) {
            tally.add("transition " + row.key());
        }
        for (Effect effect : traced.step().effects()) {
            if (effect instanceof Effect.Emit(Event.InputRejected r)) {
                tally.add("rejected " + r.inputType());
            } else if (effect instanceof Effect.Emit(Event.TurnFinished f)) {
                tally.add("outcome " + outcomeName(f.outcome()));
            } else if (effect instanceof Effect.Emit(Event e)) {
                tally.add("event " + e.getClass().getSimpleName());
            } else {
                tally.add("effect " + effect.getClass().getSimpleName());
            }
        }
    }

    private static String outcomeName(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Completed c -> "Completed";
            case Outcome.Stopped s -> "Stopped." + s.reason().getClass().getSimpleName();
        };
    }
}
