package dev.turnstile.machine;

import dev.turnstile.model.Message;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolChoice;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one step must produce, built by hand in a {@link Scenario}. Every stage must state the
 * effects (the whole list, in order), the wake, and either the whole next state or its phase plus
 * the state fields that matter; {@link ScenarioRunner} refuses an expectation that leaves any of
 * these out, so no stage can silently assert less than a whole step.
 *
 * <p>Helpers build the values that every event and effect repeats (event context, labels, the model
 * request) from the scenario's own constants, never from the machine's output.
 */
public final class Expect {

    private final Scenario scenario;
    private final Input input;
    private final SessionState before;
    private final Option<Wake> wakeBefore;

    private Option<SessionState> state = Option.none();
    private Option<Phase> phase = Option.none();
    private final List<FieldCheck> fields = new ArrayList<>();
    private Option<Vector<Effect>> effects = Option.none();
    private Option<Option<Wake>> wake = Option.none();
    private Option<Vector<String>> fired = Option.none();

    /** A check of one state field. */
    private record FieldCheck(String name, Function<SessionState, Object> read, Object expected) {}

    Expect(Scenario scenario, Input input, SessionState before, Option<Wake> wakeBefore) {
        this.scenario = scenario;
        this.input = input;
        this.before = before;
        this.wakeBefore = wakeBefore;
    }

    /** The whole next state. */
    public Expect state(SessionState expected) {
        this.state = Option.some(Objects.requireNonNull(expected));
        return this;
    }

    /** The next state's phase (use with {@link #field} when a whole state would be unreadable). */
    public Expect phase(Phase expected) {
        this.phase = Option.some(Objects.requireNonNull(expected));
        return this;
    }

    /** One field of the next state, named for the failure message. */
    public <T> Expect field(String name, Function<SessionState, T> read, T expected) {
        fields.add(new FieldCheck(name, read::apply, expected));
        return this;
    }

    /** The whole list of effects, in order. */
    public Expect effects(Effect... expected) {
        this.effects = Option.some(Vector.of(expected));
        return this;
    }

    /** The whole list of effects, in order. */
    public Expect effects(Vector<Effect> expected) {
        this.effects = Option.some(expected);
        return this;
    }

    /** The step's wake-up. */
    public Expect wake(Instant at, Wake.Reason reason) {
        this.wake = Option.some(Option.some(new Wake(at, reason)));
        return this;
    }

    /** The step has no wake-up: nothing has a deadline. */
    public Expect noWake() {
        this.wake = Option.some(Option.none());
        return this;
    }

    /** The wake-up is the one the previous step reported (the deadlines did not change). */
    public Expect sameWake() {
        this.wake = Option.some(wakeBefore);
        return this;
    }

    /** The declared transitions the step fires, in order, as {@link Transitions.Row#key()}s. */
    public Expect fired(String... rowKeys) {
        this.fired = Option.some(Vector.of(rowKeys));
        return this;
    }

    /**
     * The input is rejected: the state is the one before with only {@code now} moved to the input's
     * instant, the only effect is an {@link Event.InputRejected} with {@code reason}, the wake-up is
     * unchanged, and no transition fires. For an input stamped after {@code now}; an input stamped
     * earlier leaves even {@code now} as it is, write that expectation out.
     */
    public Expect rejected(String reason) {
        return state(before.withNow(input.at()))
                .effects(Spec.emit(new Event.InputRejected(ctx(before.turn()), Transitions.triggerName(input), reason)))
                .sameWake()
                .fired();
    }

    /** The event context of turn {@code turn} at this input's instant, with the scenario's session and labels. */
    public EventContext ctx(int turn) {
        return new EventContext(scenario.sessionId(), turn, input.at(), scenario.labels());
    }

    /** The scenario's labels. */
    public Labels labels() {
        return scenario.labels();
    }

    /** The scenario's config. */
    public MachineConfig config() {
        return scenario.config();
    }

    /** The instant of this stage's input. */
    public Instant at() {
        return input.at();
    }

    /** The request the config makes of {@code messages} (tools offered, output limit, temperature as configured). */
    public ModelRequest request(Vector<Message> messages, ToolChoice choice) {
        MachineConfig c = scenario.config();
        return new ModelRequest(c.model(), c.systemPrompt(), messages, c.tools(), choice, c.parallelToolCalls(),
                c.maxOutputTokens(), c.temperature());
    }

    /** A {@code CallModel} of {@code messages} with tool choice AUTO and the scenario's labels. */
    public Effect.CallModel callModel(EffectId id, Vector<Message> messages, Instant deadline, int attempt) {
        return new Effect.CallModel(id, request(messages, ToolChoice.AUTO), deadline, attempt, labels());
    }

    /** A {@code RunTool} with the scenario's labels. */
    public Effect.RunTool runTool(EffectId id, dev.turnstile.model.ToolCall call, String idempotencyKey, Instant deadline) {
        return new Effect.RunTool(id, call, idempotencyKey, deadline, labels());
    }

    /** A {@code RequestApproval} with the scenario's labels and the standard reason. */
    public Effect.RequestApproval requestApproval(String approvalId, dev.turnstile.model.ToolCall call,
            Option<Instant> expiresAt) {
        return new Effect.RequestApproval(approvalId, call, "the tool \"" + call.name() + "\" requires approval",
                expiresAt, labels());
    }

    /** A {@code CheckBudget} with the scenario's labels. */
    public Effect.CheckBudget checkBudget(EffectId id, String subject, dev.turnstile.model.Usage estimate,
            long estimatedCostMicros, Instant deadline) {
        return new Effect.CheckBudget(id, subject, estimate, estimatedCostMicros, deadline, labels());
    }

    /** The mismatches between this expectation and {@code actual}; empty when it holds. */
    List<String> mismatches(TracedStep actual) {
        List<String> out = new ArrayList<>();
        Step step = actual.step();
        state.forEach(s -> out.addAll(StepDiff.state(s, step.state())));
        phase.filter(p -> !p.equals(step.state().phase()))
                .forEach(p -> out.add("phase: expected " + p + "\n          actual   " + step.state().phase()));
        for (FieldCheck f : fields) {
            Object value = f.read().apply(step.state());
            if (!Objects.equals(f.expected(), value)) {
                out.add("state " + f.name() + ": expected " + f.expected() + "\n          actual   " + value);
            }
        }
        effects.forEach(e -> out.addAll(StepDiff.effects(e, step.effects())));
        wake.filter(w -> !w.equals(step.wake()))
                .forEach(w -> out.add("wake: expected " + w + "\n          actual   " + step.wake()));
        fired.filter(f -> !f.equals(actual.transitions().map(Transitions.Row::key)))
                .forEach(f -> out.add("transitions fired: expected " + f + "\n          actual   "
                        + actual.transitions().map(Transitions.Row::key)));
        return out;
    }

    /** What a stage forgot to state, if anything: effects, wake, and the state or at least its phase are required. */
    List<String> omissions() {
        List<String> out = new ArrayList<>();
        if (effects.isEmpty()) {
            out.add("the effects");
        }
        if (wake.isEmpty()) {
            out.add("the wake (wake/noWake/sameWake)");
        }
        if (state.isEmpty() && phase.isEmpty()) {
            out.add("the state or at least its phase");
        }
        return out;
    }
}
