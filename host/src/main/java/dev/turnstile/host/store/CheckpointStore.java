package dev.turnstile.host.store;

import java.util.Optional;

/**
 * Snapshots of a session's state tagged with the journal position they include (DESIGN §3).
 * Recovery loads the {@link #latest} checkpoint and replays the journal entries after its
 * sequence number. Checkpoints are an optimisation: the journal stays the source of truth, so a
 * damaged checkpoint is skipped in favour of an older one (or of a full replay).
 *
 * <p>Checkpoints belong to a live session of the journal the store came from: they are archived
 * and deleted with it. Thread-safe. After the journal is closed every method throws {@link
 * IllegalStateException}.
 */
public interface CheckpointStore {

    /**
     * Saves a checkpoint crash-atomically: after a crash either the whole checkpoint is there or it
     * is not. Keeps only the newest checkpoints (by journal sequence) up to the configured count. A
     * second checkpoint at the same sequence replaces the first.
     *
     * @param sessionId a live session
     * @param journalSequence the sequence number of the last journal entry the snapshot includes,
     *     0 for a snapshot taken before the first entry
     * @param snapshotJson one JSON object, opaque to the store
     * @throws SessionNotFoundException if there is no live session with this id
     * @throws IllegalArgumentException if the id is invalid, the sequence negative, or the snapshot
     *     not one JSON object
     * @throws java.io.UncheckedIOException if writing failed
     */
    void save(String sessionId, long journalSequence, String snapshotJson);

    /**
     * The newest checkpoint that validates. A damaged newer one is skipped with a logged warning.
     *
     * @param sessionId a live session
     * @return the newest valid checkpoint, or empty if there is none
     * @throws SessionNotFoundException if there is no live session with this id
     * @throws UnsupportedSchemaVersionException if a checkpoint was written by a newer schema
     */
    Optional<Checkpoint> latest(String sessionId);
}
