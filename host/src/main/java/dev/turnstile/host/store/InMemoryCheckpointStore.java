package dev.turnstile.host.store;

import java.util.Map;
import java.util.Optional;

/** The checkpoint store of an {@link InMemoryJournal}; checkpoints live in the sessions. */
final class InMemoryCheckpointStore implements CheckpointStore {

    private final InMemoryJournal journal;
    private final int checkpointsToKeep;

    InMemoryCheckpointStore(InMemoryJournal journal, int checkpointsToKeep) {
        this.journal = journal;
        this.checkpointsToKeep = checkpointsToKeep;
    }

    @Override
    public void save(String sessionId, long journalSequence, String snapshotJson) {
        String id = SessionIds.requireValid(sessionId);
        if (journalSequence < 0) {
            throw new IllegalArgumentException("journalSequence must be >= 0, was " + journalSequence);
        }
        String snapshot = JsonText.requireObject(snapshotJson, "snapshot JSON");
        journal.withLiveSession(id, session -> {
            session.checkpoints.put(journalSequence, snapshot);
            while (session.checkpoints.size() > checkpointsToKeep) {
                session.checkpoints.pollFirstEntry();
            }
            return null;
        });
    }

    @Override
    public Optional<Checkpoint> latest(String sessionId) {
        String id = SessionIds.requireValid(sessionId);
        return journal.withLiveSession(id, session -> {
            Map.Entry<Long, String> newest = session.checkpoints.lastEntry();
            return newest == null
                    ? Optional.<Checkpoint>empty()
                    : Optional.of(new Checkpoint(newest.getKey(), newest.getValue()));
        });
    }
}
