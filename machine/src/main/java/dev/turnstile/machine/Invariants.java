package dev.turnstile.machine;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Always-on checks at step entry and exit (not {@code assert}: a broken invariant is a bug that must
 * stop the session loudly rather than corrupt a journal). Every check is O(size of the last round),
 * never O(transcript).
 */
final class Invariants {

    private Invariants() {}

    static void checkState(SessionState state, MachineConfig config) {
        boolean idle = state.phase() instanceof Phase.AwaitingUser;
        require(idle == state.turnProgress().isEmpty(),
                () -> "turn progress must be present exactly while a turn runs; phase " + state.phase());
        switch (state.phase()) {
            case Phase.AwaitingTools p -> {
                Vector<ToolSlot> open = p.slots().filter(s -> !s.isAnswered());
                require(open.exists(s -> !(s.state() instanceof ToolSlot.AwaitingDecision)),
                        () -> "AwaitingTools must have an open slot that is not waiting for a decision");
                requireBatchShape(state, p.slots(), config);
            }
            case Phase.AwaitingApproval p -> {
                Vector<ToolSlot> open = p.slots().filter(s -> !s.isAnswered());
                require(!open.isEmpty() && open.forAll(s -> s.state() instanceof ToolSlot.AwaitingDecision),
                        () -> "AwaitingApproval must have only decision-waiting open slots");
                requireBatchShape(state, p.slots(), config);
            }
            case Phase.AwaitingUser p -> { }
            case Phase.AwaitingBudgetGuard p -> { }
            case Phase.AwaitingModel p -> { }
            case Phase.BackingOff p -> { }
        }
    }

    static void checkStep(SessionState before, SessionState after, Vector<Effect> effects, Option<Wake> wake,
            MachineConfig config) {
        require(!after.now().isBefore(before.now()), () -> "now must never go backwards");
        require(after.lastEffectId() >= before.lastEffectId(), () -> "effect ids must never be reused");
        require(after.transcript().size() >= before.transcript().size(),
                () -> "nothing is ever removed from a transcript");
        wake.forEach(w -> require(w.at().isAfter(after.now()),
                () -> "wake must be strictly after now: wake " + w + ", now " + after.now()));
        long lastId = before.lastEffectId();
        boolean turnOpen = before.turnRunning();
        for (Effect effect : effects) {
            Option<EffectId> issued = issuedId(effect);
            if (issued.isDefined()) {
                long previous = lastId;
                require(issued.get().value() > previous,
                        () -> "effect ids must be unique and increasing: " + issued.get() + " after e" + previous);
                lastId = issued.get().value();
                require(turnOpen, () -> "no effect may follow a turn's outcome: " + effect);
            }
            if (effect instanceof Effect.Emit(Event.TurnFinished f)) {
                turnOpen = false;
            } else if (effect instanceof Effect.Emit(Event.TurnStarted s)) {
                turnOpen = true;
            }
        }
        long lastIssued = lastId;
        require(lastIssued <= after.lastEffectId(), () -> "the state's last effect id must cover every issued effect");
        checkState(after, config);
    }

    /**
     * The transcript rule: every tool call of the last assistant message that asked for tools is
     * answered exactly once by the tool results that follow it. Checked before every model call and
     * whenever results are appended.
     */
    static void requireToolCallsAnswered(Vector<Message> transcript) {
        int i = transcript.size() - 1;
        while (i >= 0 && !(transcript.get(i) instanceof AssistantMessage)) {
            i--;
        }
        if (i < 0) {
            return;
        }
        AssistantMessage assistant = (AssistantMessage) transcript.get(i);
        Vector<String> answered = Vector.empty();
        for (int j = i + 1; j < transcript.size(); j++) {
            if (transcript.get(j) instanceof ToolResultMessage r) {
                answered = answered.append(r.toolCallId());
            }
        }
        Vector<String> asked = assistant.toolCalls().map(ToolCall::id);
        Vector<String> got = answered;
        require(got.equals(asked),
                () -> "every tool call must be answered exactly once, in call order: asked " + asked + ", answered " + got);
    }

    private static void requireBatchShape(SessionState state, Vector<ToolSlot> slots, MachineConfig config) {
        int inFlight = slots.count(s -> s.state() instanceof ToolSlot.Running || s.state() instanceof ToolSlot.CheckingBudget);
        require(inFlight <= config.maxParallelTools(),
                () -> "at most " + config.maxParallelTools() + " tool runs may be in flight, found " + inFlight);
        for (int i = 0; i < slots.size(); i++) {
            require(slots.get(i).index() == i, () -> "tool slots must be in call order");
        }
        require(state.transcript().lastOption()
                        .exists(m -> m instanceof AssistantMessage a && a.toolCalls().size() == slots.size()),
                () -> "a tool batch's assistant message must be the last transcript entry");
    }

    private static Option<EffectId> issuedId(Effect effect) {
        return switch (effect) {
            case Effect.CallModel c -> Option.some(c.id());
            case Effect.RunTool r -> Option.some(r.id());
            case Effect.CheckBudget b -> Option.some(b.id());
            case Effect.Abandon a -> Option.none();
            case Effect.RequestApproval r -> Option.none();
            case Effect.SaveCheckpoint s -> Option.none();
            case Effect.Emit e -> Option.none();
        };
    }

    /**
     * Throws when {@code condition} is false. The rule text is built only then: a step must not pay for
     * formatting (a model call's text includes its whole transcript) when the invariant holds.
     */
    static void require(boolean condition, java.util.function.Supplier<String> rule) {
        if (!condition) {
            throw new IllegalStateException("turn machine invariant broken: " + rule.get());
        }
    }
}
