package dev.turnstile.host;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.store.Checkpoint;
import dev.turnstile.host.store.CheckpointStore;
import dev.turnstile.host.store.Journal;
import dev.turnstile.host.store.JournalContents;
import dev.turnstile.host.store.JournalEntry;
import dev.turnstile.host.store.JournalWriter;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.replay.JournalRecords;
import dev.turnstile.replay.ReplayReport;
import dev.turnstile.replay.Replayer;
import io.vavr.collection.Vector;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Rebuilds a session from the store: the latest valid checkpoint, then the journal records after it
 * replayed through the pure machine with every step's effects verified. The caller then feeds one
 * {@code Recovered} input, which re-issues or interrupts what was in flight.
 */
final class SessionRecovery {

    private static final System.Logger LOG = System.getLogger(SessionRecovery.class.getName());

    record Recovered(TurnMachine machine, SessionState state, JournalWriter writer, long recordsReplayed) {}

    private SessionRecovery() {}

    static Recovered recover(Journal journal, CheckpointStore checkpoints, String sessionId) {
        // Open for append first: it repairs a torn tail, so the read below sees only whole records.
        JournalWriter writer = journal.openForAppend(sessionId);
        try {
            JournalContents contents = journal.read(sessionId);
            JournalHeader header = MachineCodec.decodeHeader(contents.headerJson());
            TurnMachine machine = new TurnMachine(header.config());
            SessionState start = machine.start(header.sessionId(), header.seed(), header.startedAt(), header.labels());
            long lastSequence = writer.lastSequence();
            Optional<Checkpoint> checkpoint = checkpoints.latest(sessionId)
                    .filter(c -> c.journalSequence() <= lastSequence);
            long from = 0;
            if (checkpoint.isPresent()) {
                start = MachineCodec.decodeState(checkpoint.get().snapshotJson());
                from = checkpoint.get().journalSequence();
            }
            long skip = from;
            Vector<String> tail = Vector.ofAll(contents.entries()).filter(e -> e.sequence() > skip)
                    .map(JournalEntry::entryJson);
            ReplayReport report = Replayer.replay(machine, start, from, tail.map(JournalRecords::decode));
            return switch (report) {
                case ReplayReport.Verified v -> {
                    LOG.log(Level.INFO, "recovered session {0}: checkpoint at {1}, {2} records replayed",
                            sessionId, skip, v.records());
                    yield new Recovered(machine, v.state(), writer, v.records());
                }
                case ReplayReport.Diverged d -> throw new IllegalStateException("cannot resume session " + sessionId
                        + ": replaying its journal under this version diverges\n" + d.diff());
            };
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }
}
