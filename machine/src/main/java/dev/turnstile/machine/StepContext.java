package dev.turnstile.machine;

import dev.turnstile.model.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The working space of one {@link TurnMachine#step} call: the evolving state, the effects issued so
 * far and the transitions fired. Local to one call, never shared, so the step stays pure; handlers
 * write through it instead of threading (state, effects) pairs through every function.
 */
final class StepContext {

    final MachineConfig config;
    final ToolCatalog catalog;
    SessionState state;
    private final List<Effect> effects = new ArrayList<>(8);
    private boolean checkpointRequested;
    private boolean rejected;
    private final List<EffectId> settled = new ArrayList<>(2);
    private final List<Transitions.Row> fired = new ArrayList<>(2);
    private String segmentFrom;
    private String segmentTrigger;

    StepContext(MachineConfig config, ToolCatalog catalog, SessionState state) {
        this.config = config;
        this.catalog = catalog;
        this.state = state;
    }

    /** The next effect id; ids are a counter so they are unique, increasing and replay identically. */
    EffectId nextEffectId() {
        long next = state.lastEffectId() + 1;
        state = state.withLastEffectId(next);
        return new EffectId(next);
    }

    /** Starts a transition from the current phase on {@code trigger}. */
    void beginTransition(String trigger) {
        segmentFrom = Transitions.phaseName(state.phase());
        segmentTrigger = trigger;
    }

    /** Ends the open transition at the current phase and checks that the table declares it. */
    void endTransition() {
        if (segmentFrom != null && !rejected) {
            fired.add(Transitions.row(segmentFrom, segmentTrigger, Transitions.phaseName(state.phase())));
        }
        segmentFrom = null;
    }

    List<Transitions.Row> fired() {
        return fired;
    }

    /** Marks an in-flight effect as answered (or abandoned) during this step, so it is not abandoned again. */
    void settle(EffectId id) {
        settled.add(id);
    }

    /** Abandons {@code id} unless it was already settled during this step. */
    void abandonUnlessSettled(EffectId id, String reason) {
        if (!settled.contains(id)) {
            command(new Effect.Abandon(id, reason));
            settled.add(id);
        }
    }

    void command(Effect effect) {
        effects.add(effect);
    }

    void emit(Event event) {
        effects.add(new Effect.Emit(event));
    }

    EventContext eventContext() {
        return new EventContext(state.sessionId(), state.turn(), state.now(), state.labels());
    }

    void reject(Input input, String reason) {
        rejected = true;
        emit(new Event.InputRejected(eventContext(), Transitions.triggerName(input), reason));
    }

    boolean rejected() {
        return rejected;
    }

    /** Asks for a checkpoint of the state as it is at the end of this step. */
    void requestCheckpoint() {
        checkpointRequested = true;
    }

    boolean checkpointRequested() {
        return checkpointRequested;
    }

    List<Effect> effects() {
        return effects;
    }

    TurnProgress turn() {
        return state.turnProgress().getOrElseThrow(
                () -> new IllegalStateException("invariant broken: no turn progress in phase " + state.phase()));
    }

    void setTurn(TurnProgress progress) {
        state = state.withTurnProgress(io.vavr.control.Option.some(progress));
    }

    /** Appends to the transcript and counts the characters toward the next prompt estimate. */
    void appendToTranscript(Message message, long chars) {
        state = state.withTranscript(state.transcript().append(message))
                .withPromptEstimate(state.promptEstimate().plusChars(chars));
    }
}
