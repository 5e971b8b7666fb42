package dev.turnstile.conformance.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.store.JournalContents;
import dev.turnstile.host.store.JournalEntry;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.replay.EffectSignatures;
import dev.turnstile.replay.JournalRecord;
import dev.turnstile.replay.JournalRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One session's journal stepped through a fresh machine by the test itself, collecting what the
 * checks need: the tool runs the machine issued (with their idempotency keys), the answers it got,
 * the user inputs by sequence, the recovery and turn events, and the state after every record.
 * Each step's effects must match the signatures recorded with it (the same check as
 * {@link dev.turnstile.replay.Replayer}, which the verifier also runs).
 */
final class SessionReplay {

    final String sessionId;
    /** Every RunTool the machine issued, in order. */
    final List<Effect.RunTool> runs = new ArrayList<>();
    /** Effect ids of tool runs answered by a ToolSucceeded or ToolFailed input. */
    final TreeSet<EffectId> answeredRuns = new TreeSet<>();
    /** Journaled user messages by sequence. */
    final Map<Long, Input.UserMessageReceived> userInputs = new TreeMap<>();
    final List<Event.SessionRecovered> recoveries = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();
    final List<String> rejections = new ArrayList<>();
    /** The state after each record; index 0 is the start. */
    final List<SessionState> states = new ArrayList<>();
    int recoveredInputs;

    private SessionReplay(String sessionId) {
        this.sessionId = sessionId;
    }

    static SessionReplay of(JournalContents contents) {
        JournalHeader header = MachineCodec.decodeHeader(contents.headerJson());
        TurnMachine machine = new TurnMachine(header.config());
        SessionReplay replay = new SessionReplay(contents.sessionId());
        SessionState state = machine.start(header.sessionId(), header.seed(), header.startedAt(), header.labels());
        replay.states.add(state);
        for (JournalEntry entry : contents.entries()) {
            JournalRecord record = JournalRecords.decode(entry.entryJson());
            Step step = machine.step(state, record.input());
            assertEquals(record.effects(), EffectSignatures.of(step.effects()),
                    contents.sessionId() + ": record " + entry.sequence() + " replays to other effects");
            replay.collect(entry.sequence(), record.input(), step);
            state = step.state();
            replay.states.add(state);
        }
        return replay;
    }

    SessionState finalState() {
        return states.getLast();
    }

    private void collect(long sequence, Input input, Step step) {
        if (input instanceof Input.UserMessageReceived m) {
            userInputs.put(sequence, m);
        } else if (input instanceof Input.ToolSucceeded s) {
            answeredRuns.add(s.effectId());
        } else if (input instanceof Input.ToolFailed f) {
            answeredRuns.add(f.effectId());
        } else if (input instanceof Input.Recovered) {
            recoveredInputs++;
        }
        for (Effect effect : step.effects()) {
            if (effect instanceof Effect.RunTool run) {
                runs.add(run);
            } else if (effect instanceof Effect.Emit(Event.SessionRecovered recovered)) {
                recoveries.add(recovered);
            } else if (effect instanceof Effect.Emit(Event.TurnFinished finished)) {
                outcomes.add(finished.outcome());
            } else if (effect instanceof Effect.Emit(Event.InputRejected rejected)) {
                rejections.add(rejected.inputType() + ": " + rejected.reason());
            }
        }
    }
}
