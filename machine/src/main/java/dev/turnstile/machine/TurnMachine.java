package dev.turnstile.machine;

import dev.turnstile.machine.Input.ApprovalDecided;
import dev.turnstile.machine.Input.BudgetChecked;
import dev.turnstile.machine.Input.CancelRequested;
import dev.turnstile.machine.Input.ModelFailed;
import dev.turnstile.machine.Input.ModelReplied;
import dev.turnstile.machine.Input.Recovered;
import dev.turnstile.machine.Input.TimeAdvanced;
import dev.turnstile.machine.Input.ToolFailed;
import dev.turnstile.machine.Input.ToolSucceeded;
import dev.turnstile.machine.Input.UserMessageReceived;
import dev.turnstile.machine.Phase.AwaitingApproval;
import dev.turnstile.machine.Phase.AwaitingBudgetGuard;
import dev.turnstile.machine.Phase.AwaitingModel;
import dev.turnstile.machine.Phase.AwaitingTools;
import dev.turnstile.machine.Phase.AwaitingUser;
import dev.turnstile.model.Usage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The turn machine: a pure function from (state, input) to (state, effects, wake). See the package
 * documentation for the contract and the driving loop.
 *
 * <p>A machine holds only its immutable {@link MachineConfig} (and the tool schemas compiled from
 * it), so one instance can step any number of sessions from any number of threads.
 */
public final class TurnMachine {

    /**
     * The machine's behaviour version, stamped into journal headers. Bump it whenever a change can make
     * the same inputs produce different steps, so a replay divergence can be attributed.
     */
    public static final String VERSION = "turnstile-machine/0.1.0";

    private final MachineConfig config;
    private final ToolCatalog catalog;

    /** A machine for {@code config}. */
    public TurnMachine(MachineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = new ToolCatalog(config);
    }

    /** The policy this machine applies. */
    public MachineConfig config() {
        return config;
    }

    /** A new idle session without identity labels. */
    public SessionState start(String sessionId, long seed, Instant at) {
        return start(sessionId, seed, at, Labels.NONE);
    }

    /**
     * A new idle session.
     *
     * @param sessionId chosen by the caller; carried as data
     * @param seed seeds the session's PRNG (retry jitter); the same seed replays the same draws
     * @param at the session's start instant, from the adapter's clock
     * @param labels identity labels carried on every event and effect
     */
    public SessionState start(String sessionId, long seed, Instant at, Labels labels) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(labels, "labels");
        long definitionChars = config.systemPrompt().length() + catalog.definitionChars();
        return new SessionState(sessionId, labels, at, new Prng(seed), 0, 0, 0, new AwaitingUser(), Option.none(),
                Vector.empty(), Vector.empty(), TreeSet.empty(), Meter.EMPTY, TreeMap.empty(),
                new PromptEstimate(0, definitionChars), Vector.empty(), Option.none());
    }

    /**
     * Applies one input. Pure and total: any input in any phase returns normally; an input that does
     * not fit is answered with an {@link Event.InputRejected} event and changes nothing but the
     * machine's time. An exception means a broken invariant, i.e. a bug in the machine.
     */
    public Step step(SessionState state, Input input) {
        return stepTraced(state, input).step();
    }

    /**
     * Like {@link #step}, and also reports the declared transitions the step fired, in order. Used by
     * tests that prove every declared transition is exercised, and by tools that explain a trace.
     */
    public TracedStep stepTraced(SessionState state, Input input) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(input, "input");
        Invariants.checkState(state, config);
        StepContext cx = new StepContext(config, catalog, state);
        if (input.at().isAfter(state.now())) {
            cx.state = cx.state.withNow(input.at());
        }
        if (!(input instanceof TimeAdvanced) && Deadlines.anyExpired(cx)) {
            // Time is part of every input: deadlines that passed before this input arrived fire first,
            // so that a reply arriving after its deadline finds its call already timed out.
            cx.beginTransition(Transitions.TIME_PASSED);
            Deadlines.fire(cx);
            cx.endTransition();
        }
        cx.beginTransition(Transitions.triggerName(input));
        dispatch(cx, input);
        cx.endTransition();
        if (cx.checkpointRequested()) {
            cx.command(new Effect.SaveCheckpoint(cx.state));
        }
        Vector<Effect> effects = Vector.ofAll(cx.effects());
        Option<Wake> wake = Deadlines.next(cx.state, config);
        Invariants.checkStep(state, cx.state, effects, wake, config);
        return new TracedStep(new Step(cx.state, effects, wake), Vector.ofAll(cx.fired()));
    }

    /** The earliest deadline of a state, if any: what {@link Step#wake()} reports. */
    public Option<Wake> wake(SessionState state) {
        return Deadlines.next(state, config);
    }

    /** The pair the central switch matches on. */
    private record Dispatch(Phase phase, Input input) {}

    // The one place where (phase x input) is decided. Each input kind ends in an explicit catch-all
    // row that rejects it, so every combination is named here and nothing falls through silently.
    private static void dispatch(StepContext cx, Input input) {
        switch (new Dispatch(cx.state.phase(), input)) {
            case Dispatch(Phase p, TimeAdvanced t) -> Deadlines.fire(cx);
            case Dispatch(Phase p, CancelRequested c) -> TurnLifecycle.cancel(cx, c);
            case Dispatch(Phase p, Recovered r) -> Recovery.recover(cx);
            case Dispatch(AwaitingUser p, UserMessageReceived m) -> TurnLifecycle.start(cx, m);
            case Dispatch(Phase p, UserMessageReceived m) -> TurnLifecycle.queue(cx, m);
            case Dispatch(AwaitingModel p, ModelReplied r) -> ModelCalls.replied(cx, p, r);
            case Dispatch(Phase p, ModelReplied r) -> cx.reject(r, Rejections.notAwaited(cx.state, r.effectId()));
            case Dispatch(AwaitingModel p, ModelFailed f) -> ModelCalls.failed(cx, p, f);
            case Dispatch(Phase p, ModelFailed f) -> cx.reject(f, Rejections.notAwaited(cx.state, f.effectId()));
            case Dispatch(AwaitingTools p, ToolSucceeded s) -> ToolBatches.succeeded(cx, s);
            case Dispatch(Phase p, ToolSucceeded s) -> cx.reject(s, Rejections.notAwaited(cx.state, s.effectId()));
            case Dispatch(AwaitingTools p, ToolFailed f) -> ToolBatches.failed(cx, f);
            case Dispatch(Phase p, ToolFailed f) -> cx.reject(f, Rejections.notAwaited(cx.state, f.effectId()));
            case Dispatch(AwaitingTools p, ApprovalDecided d) -> Approvals.decided(cx, d);
            case Dispatch(AwaitingApproval p, ApprovalDecided d) -> Approvals.decided(cx, d);
            case Dispatch(Phase p, ApprovalDecided d) -> cx.reject(d, Rejections.approvalNotPending(cx.state, d));
            case Dispatch(AwaitingBudgetGuard p, BudgetChecked b) -> ModelCalls.guardAnswered(cx, p, b);
            case Dispatch(AwaitingTools p, BudgetChecked b) -> ToolBatches.guardAnswered(cx, b);
            case Dispatch(Phase p, BudgetChecked b) -> cx.reject(b, Rejections.notAwaited(cx.state, b.effectId()));
        }
    }

    /** Usage of a session so far, summed over models; convenience for hosts and tests. */
    public static Usage sessionUsage(SessionState state) {
        return state.sessionMeter().usage();
    }
}
