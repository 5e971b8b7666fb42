package dev.turnstile.cli.journal;

import dev.turnstile.cli.CommandFailedException;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.codec.CodecException;
import dev.turnstile.codec.JournalHeader;
import dev.turnstile.host.store.JournalEntry;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.replay.EffectSignatures;
import dev.turnstile.replay.JournalRecord;
import dev.turnstile.replay.JournalRecords;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps a fresh machine through a journal, keeping every state and effect, for {@code inspect}. Like
 * {@link dev.turnstile.replay.Replayer} it compares each step's effects with the recorded signatures,
 * but it goes on after a divergence so the whole journal can be read.
 */
public final class Timeline {

    private Timeline() {}

    /** The rows of {@code journal}, in order. */
    public static List<TimelineRow> of(LoadedJournal journal) {
        JournalHeader header = journal.header();
        TurnMachine machine = new TurnMachine(header.config());
        SessionState state = machine.start(header.sessionId(), header.seed(), header.startedAt(), header.labels());
        List<TimelineRow> rows = new ArrayList<>(journal.entries().size());
        for (JournalEntry entry : journal.entries()) {
            JournalRecord record;
            try {
                record = JournalRecords.decode(entry.entryJson());
            } catch (CodecException e) {
                throw new CommandFailedException(ExitCode.IO_ERROR, journal.file() + ": record " + entry.sequence()
                        + " does not decode: " + e.getMessage(), e);
            }
            Step step = machine.step(state, record.input());
            Vector<String> actual = EffectSignatures.of(step.effects());
            rows.add(new TimelineRow(entry.sequence(), record.input(), record.effects(), step.effects(),
                    !actual.equals(record.effects()), step.state()));
            state = step.state();
        }
        return rows;
    }
}
