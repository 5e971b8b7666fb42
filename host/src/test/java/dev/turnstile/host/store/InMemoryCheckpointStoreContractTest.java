package dev.turnstile.host.store;

import java.util.List;

/** Runs the checkpoint store contract against {@link InMemoryJournal#checkpoints()}. */
class InMemoryCheckpointStoreContractTest extends CheckpointStoreContractTest {

    @Override
    protected Journal newJournal(int checkpointsToKeep) {
        return new InMemoryJournal(checkpointsToKeep);
    }

    @Override
    protected CheckpointStore checkpointsOf(Journal journal) {
        return ((InMemoryJournal) journal).checkpoints();
    }

    @Override
    protected List<Long> retainedSequences(String sessionId) {
        return ((InMemoryJournal) journal).withLiveSession(sessionId,
                session -> List.copyOf(session.checkpoints.keySet()));
    }
}
