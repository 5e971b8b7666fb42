package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TurnMachine;
import java.util.List;
import java.util.Optional;

/**
 * Checks every step of one session against the {@link Invariant}s and any extra {@link Property}s.
 * It keeps its own books (effects in flight, turns, approvals, meters), independent of the
 * machine's state, so a machine that corrupts its own state is still caught. One checker per
 * session; feed it the steps in order. The first violation is reported; after that the checker's
 * books are no longer meaningful.
 */
public final class InvariantChecker {

    private final TurnMachine machine;
    private final List<Property> properties;
    private final StepBasics basics;
    private final EffectLedger effects;
    private final TurnLedger turns;
    private final TranscriptRules transcript;
    private final ModelRules model;
    private final ApprovalLedger approvals;
    private final BudgetLedger budgets;

    /**
     * A checker for one session.
     *
     * @param config the session's machine config
     * @param start how the session was started
     * @param properties extra rules checked after every step
     */
    public InvariantChecker(MachineConfig config, SessionStart start, List<Property> properties) {
        this(new TurnMachine(config), start, properties);
    }

    /** A checker for one session of {@code machine} (shared, so its tool schemas are compiled once). */
    public InvariantChecker(TurnMachine machine, SessionStart start, List<Property> properties) {
        MachineConfig config = machine.config();
        this.machine = machine;
        this.properties = List.copyOf(properties);
        SessionState initial = start.startOn(machine);
        ToolArguments tools = new ToolArguments(config);
        this.basics = new StepBasics(start);
        this.effects = new EffectLedger(config, tools);
        this.turns = new TurnLedger(config, initial);
        this.transcript = new TranscriptRules(config);
        this.model = new ModelRules(config);
        this.approvals = new ApprovalLedger(config, tools, initial.turn());
        this.budgets = new BudgetLedger(config, initial);
    }

    /** Checks one step; empty when every rule holds. */
    public Optional<Violation> afterStep(ObservedStep step) {
        try {
            StepFacts facts = new StepFacts(machine, step);
            basics.check(facts);
            effects.check(facts);
            turns.check(facts);
            transcript.check(facts);
            model.check(facts);
            approvals.check(facts);
            budgets.check(facts);
        } catch (Broken broken) {
            return Optional.of(Violation.of(broken.invariant, broken.getMessage(), step.index()));
        } catch (RuntimeException e) {
            return Optional.of(thrown(step.index(), step.input(), e));
        }
        for (Property property : properties) {
            Optional<String> problem = property.check(step);
            if (problem.isPresent()) {
                return Optional.of(new Violation(Invariant.CUSTOM, property.name(), problem.get(), step.index()));
            }
        }
        return Optional.empty();
    }

    /** Checks what must hold once the world has drained: no turn running, nothing in flight, all messages delivered. */
    public Optional<Violation> atEnd(SessionState last, int stepCount) {
        try {
            effects.atEnd();
            turns.atEnd(last);
        } catch (Broken broken) {
            return Optional.of(Violation.of(broken.invariant, broken.getMessage(), stepCount));
        }
        return Optional.empty();
    }

    /**
     * The violation for an exception thrown by {@code step}. Its rule key names the exception type and
     * the message without digits, so that the shrinker looks for the same bug rather than any crash.
     */
    public static Violation thrown(int stepIndex, Input input, Throwable e) {
        String message = String.valueOf(e.getMessage());
        String shape = message.replaceAll("[0-9]+", "#");
        String key = Invariant.NO_EXCEPTION.name() + ": " + e.getClass().getName() + ": "
                + shape.substring(0, Math.min(shape.length(), 80));
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0];
        return new Violation(Invariant.NO_EXCEPTION, key, input.getClass().getSimpleName() + " threw " + e + where,
                stepIndex);
    }
}
