package dev.turnstile.conformance.sim;

import static dev.turnstile.conformance.sim.Broken.require;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.StopReason;
import dev.turnstile.machine.SessionState;
import dev.turnstile.model.Message;
import dev.turnstile.model.UserMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns and user messages: numbering, one start and one outcome per turn, no commands once a turn
 * has its outcome, a bound on the work any one turn can cause (no livelock), and delivery of every
 * accepted user message.
 */
final class TurnLedger {

    private final MachineConfig config;
    private final Set<String> idempotencyKeys = new HashSet<>();
    private final Map<String, Integer> acceptedTexts = new HashMap<>();
    private int turn;
    private boolean open;
    private int effectsInTurn;
    private int stepsInTurn;
    private int recoveriesInTurn;

    TurnLedger(MachineConfig config, SessionState start) {
        this.config = config;
        this.turn = start.turn();
        this.open = start.turnRunning();
    }

    void check(StepFacts f) {
        ObservedStep s = f.step();
        if (open) {
            stepsInTurn++;
            if (s.input() instanceof Input.Recovered) {
                recoveriesInTurn++;
            }
        }
        if (s.input() instanceof Input.UserMessageReceived m) {
            checkUserMessage(s, m);
        }
        if (s.input() instanceof Input.CancelRequested) {
            checkCancel(f);
        }
        boolean finished = false;
        for (Effect effect : s.effects()) {
            switch (effect) {
                case Effect.Emit(Event.TurnStarted t) -> {
                    require(!open && t.context().turn() == turn + 1, Invariant.TURN_LIFECYCLE,
                            () -> "turn " + t.context().turn() + " started while turn " + turn
                                    + (open ? " is still running" : " was the last"));
                    turn++;
                    open = true;
                    effectsInTurn = 0;
                    stepsInTurn = 0;
                    recoveriesInTurn = 0;
                }
                case Effect.Emit(Event.TurnFinished t) -> {
                    require(open && t.context().turn() == turn, Invariant.TURN_LIFECYCLE,
                            () -> "turn " + t.context().turn() + " finished but " + (open ? "turn " + turn + " runs"
                                    : "no turn runs: outcomes are final"));
                    open = false;
                    finished = true;
                }
                case Effect.Emit(Event e) -> require(e.context().turn() == turn, Invariant.TURN_LIFECYCLE,
                        () -> e.getClass().getSimpleName() + " carries turn " + e.context().turn() + ", the turn is "
                                + turn);
                case Effect.SaveCheckpoint cp -> { }
                case Effect.CallModel c -> command(effect, true);
                case Effect.RunTool r -> command(effect, true);
                case Effect.CheckBudget b -> command(effect, true);
                case Effect.Abandon a -> command(effect, false);
                case Effect.RequestApproval a -> command(effect, false);
            }
        }
        SessionState after = s.after();
        require(open == after.turnRunning() && turn == after.turn(), Invariant.TURN_LIFECYCLE,
                () -> "the events say turn " + turn + (open ? " runs" : " is over") + ", the state says turn "
                        + after.turn() + " in phase " + after.phase());
        boolean ended = finished;
        require(ended || after.lastOutcome().equals(s.before().lastOutcome()), Invariant.TURN_LIFECYCLE,
                () -> "the last outcome changed without a TurnFinished event");
        checkBounds();
    }

    /** Once the world has drained, no turn may still run and every accepted message must have arrived. */
    void atEnd(SessionState last) {
        require(!open && last.queued().isEmpty(), Invariant.TURN_TERMINATES,
                () -> "the drained session still has " + (open ? "turn " + turn + " running" : "")
                        + " and " + last.queued().size() + " queued messages; phase " + last.phase());
        Map<String, Integer> delivered = new HashMap<>();
        for (Message m : last.transcript()) {
            if (m instanceof UserMessage u && !u.text().equals(config.graceRoundInstruction())) {
                delivered.merge(u.text(), 1, Integer::sum);
            }
        }
        require(delivered.equals(acceptedTexts), Invariant.MESSAGES_DELIVERED,
                () -> "accepted user messages " + acceptedTexts + " but the transcript holds " + delivered);
    }

    private void checkUserMessage(ObservedStep s, Input.UserMessageReceived m) {
        boolean duplicate = m.idempotencyKey().exists(idempotencyKeys::contains);
        require(duplicate == s.rejected(), Invariant.ANSWER_ACCEPTANCE,
                () -> "a user message with key " + m.idempotencyKey() + " was " + (s.rejected() ? "rejected" : "accepted")
                        + (duplicate ? " though the key was seen before" : " though the key is new"));
        if (duplicate) {
            return;
        }
        m.idempotencyKey().forEach(idempotencyKeys::add);
        if (!m.text().equals(config.graceRoundInstruction())) {
            acceptedTexts.merge(m.text(), 1, Integer::sum);
        }
        require(s.events().exists(e -> e instanceof Event.TurnStarted t && t.userText().equals(m.text())
                        || e instanceof Event.UserMessageQueued), Invariant.MESSAGES_DELIVERED,
                () -> "an accepted user message neither started a turn nor was queued");
    }

    /** A cancel ends the turn running when it is looked at (after due deadlines fired), else is ignored. */
    private static void checkCancel(StepFacts f) {
        ObservedStep s = f.step();
        boolean running = (f.timeOnly != null ? f.timeOnly : s.before()).turnRunning();
        require(running
                        ? s.events().exists(e -> e instanceof Event.TurnFinished t
                                && t.outcome() instanceof Outcome.Stopped(StopReason.Cancelled c))
                        : s.events().exists(e -> e instanceof Event.CancelIgnored),
                Invariant.TURN_LIFECYCLE, () -> "a cancel " + (running ? "did not end the running turn Cancelled"
                        : "while idle was not reported as ignored"));
    }

    private void command(Effect effect, boolean issuesWork) {
        require(open, Invariant.NO_COMMAND_AFTER_OUTCOME,
                () -> effect.getClass().getSimpleName() + " issued while no turn runs (after turn " + turn
                        + "'s outcome)");
        if (issuesWork) {
            effectsInTurn++;
        }
    }

    private void checkBounds() {
        int rounds = config.maxRounds() + 1;
        int attempts = config.retry().maxAttempts();
        int calls = config.maxToolCallsPerTurn();
        // Per round: each attempt is at most a guard check and a call; per requested tool call at most a
        // check and a run; each recovery re-issues at most the model call and its check, or the batch's work.
        long effectBound = 2L * rounds * attempts + 2L * calls + (long) recoveriesInTurn * (2 + 2L * calls);
        require(effectsInTurn <= effectBound, Invariant.TURN_TERMINATES,
                () -> "turn " + turn + " issued " + effectsInTurn + " effects, more than the bound " + effectBound
                        + " any finite turn can need (livelock)");
        long stepBound = 20 * effectBound + 200;
        require(stepsInTurn <= stepBound, Invariant.TURN_TERMINATES,
                () -> "turn " + turn + " is still running after " + stepsInTurn + " steps (livelock)");
    }
}
