package dev.turnstile.host.store;

import java.util.Objects;

/**
 * A snapshot of a session's state.
 *
 * @param journalSequence the sequence number of the last journal entry the snapshot includes
 * @param snapshotJson the JSON object given to {@link CheckpointStore#save}
 */
public record Checkpoint(long journalSequence, String snapshotJson) {

    /** Validates the components. */
    public Checkpoint {
        if (journalSequence < 0) {
            throw new IllegalArgumentException("journalSequence must be >= 0, was " + journalSequence);
        }
        Objects.requireNonNull(snapshotJson, "snapshotJson");
    }
}
