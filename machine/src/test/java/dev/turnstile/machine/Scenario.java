package dev.turnstile.machine;

import io.vavr.collection.Vector;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A named specification of the turn machine: a session started with a config, seed and labels, then
 * inputs fed one by one, each with the {@link Step} it must produce.
 *
 * <p>Scenarios are data: the transition tests run them and check every expectation, the
 * unvisited-transition test runs the same list only to collect the transitions fired, and the golden
 * traces replay some of them. So no test depends on another having run first.
 *
 * <pre>{@code
 * Scenario.named("a text reply completes the turn")
 *         .config(Spec.BASIC)
 *         .given(Spec.userSays(1, "2+2?"), (before, x) -> x.phase(...).effects(...).wake(...))
 *         .given(Spec.replyText(2, e(1), "4", 20, 1), (before, x) -> x.state(...).effects(...).noWake());
 * }</pre>
 *
 * @param name what the scenario shows, read as a sentence
 * @param config the machine's policy
 * @param sessionId the session id given to {@link TurnMachine#start}
 * @param seed the PRNG seed given to {@link TurnMachine#start}
 * @param startedAt the start instant
 * @param labels identity labels given to {@link TurnMachine#start}
 * @param stages the inputs, in order, each with its expectation
 */
public record Scenario(String name, MachineConfig config, String sessionId, long seed, Instant startedAt,
        Labels labels, Vector<Stage> stages) {

    /** Validates fields. */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(stages, "stages");
    }

    /**
     * One input and what stepping it must produce.
     *
     * @param input the input fed to the machine
     * @param expectation fills an {@link Expect} from the state before the step (the state produced
     *     by the previous stage, already checked by it)
     */
    public record Stage(Input input, BiConsumer<SessionState, Expect> expectation) {
        /** Validates fields. */
        public Stage {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(expectation, "expectation");
        }
    }

    /** A scenario with the default session ({@link Spec#SESSION}, seed {@link Spec#SEED}, {@link Spec#T0}, labels {@link Spec#LABELS}). */
    public static Scenario named(String name) {
        return new Scenario(name, Spec.BASIC, Spec.SESSION, Spec.SEED, Spec.T0, Spec.LABELS, Vector.empty());
    }

    /** This scenario with another config. */
    public Scenario config(MachineConfig value) {
        return new Scenario(name, value, sessionId, seed, startedAt, labels, stages);
    }

    /** This scenario with another seed. */
    public Scenario seed(long value) {
        return new Scenario(name, config, sessionId, value, startedAt, labels, stages);
    }

    /** This scenario with other labels. */
    public Scenario labels(Labels value) {
        return new Scenario(name, config, sessionId, seed, startedAt, value, stages);
    }

    /** This scenario with one more input and what it must produce. */
    public Scenario given(Input input, BiConsumer<SessionState, Expect> expectation) {
        return new Scenario(name, config, sessionId, seed, startedAt, labels, stages.append(new Stage(input, expectation)));
    }

    /**
     * The first turn of the session starts with {@code text} at {@code ms}: turn 1, the model is
     * called as effect e1 with the one user message and the config's model deadline. Only for
     * configs without a budget guard or a wall-time budget (their first step looks different).
     */
    public Scenario firstTurn(long ms, String text) {
        if (config.budget().guardDeadlineMillis().isDefined()
                || config.budget().turn().limit(BudgetResource.WALL_TIME_MILLIS).isDefined()) {
            throw new IllegalArgumentException("firstTurn is for configs without a guard or wall-time budget");
        }
        Instant deadline = Spec.at(ms + config.modelCallTimeoutMillis());
        Vector<dev.turnstile.model.Message> messages = Vector.of(Spec.user(text));
        return given(Spec.userSays(ms, text), (s, x) -> x
                .phase(new Phase.AwaitingModel(Spec.e(1), deadline, 1))
                .field("turn", SessionState::turn, 1)
                .field("transcript", SessionState::transcript, messages)
                .effects(Spec.emit(new Event.TurnStarted(x.ctx(1), text)),
                        x.callModel(Spec.e(1), messages, deadline, 1),
                        Spec.emit(new Event.ModelCallStarted(x.ctx(1), Spec.e(1), 1, 1)))
                .wake(deadline, Wake.Reason.MODEL_DEADLINE)
                .fired("AwaitingUser --UserMessageReceived--> AwaitingModel"));
    }

    /**
     * Like {@link #firstTurn} for a config with a budget guard (and no wall-time budget): the guard
     * is asked first, as effect e1, about a prompt of {@code estimatedTokens} (worked out by hand
     * from {@link BudgetPolicy}'s estimate), and must answer within the guard deadline.
     */
    public Scenario firstGuardedTurn(long ms, String text, long estimatedTokens, long estimatedCostMicros) {
        long guardMillis = config.budget().guardDeadlineMillis().get();
        Instant deadline = Spec.at(ms + guardMillis);
        return given(Spec.userSays(ms, text), (s, x) -> x
                .phase(new Phase.AwaitingBudgetGuard(Spec.e(1), deadline, 1))
                .field("transcript", SessionState::transcript, Vector.of(Spec.user(text)))
                .effects(Spec.emit(new Event.TurnStarted(x.ctx(1), text)),
                        x.checkBudget(Spec.e(1), "model:" + config.model(), Spec.usage(estimatedTokens, 0),
                                estimatedCostMicros, deadline))
                .wake(deadline, Wake.Reason.BUDGET_GUARD_DEADLINE)
                .fired("AwaitingUser --UserMessageReceived--> AwaitingBudgetGuard"));
    }

    /** The inputs only, in order. */
    public Vector<Input> inputs() {
        return stages.map(Stage::input);
    }

    @Override
    public String toString() {
        return name;
    }
}
