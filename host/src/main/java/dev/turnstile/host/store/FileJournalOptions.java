package dev.turnstile.host.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link FileJournal}. Start from {@link #defaults()} and adjust with the {@code
 * with…} methods.
 *
 * @param durability when appends return; {@link Durability#FSYNC_GROUP_COMMIT} by default
 * @param groupCommitMaxWait how long a sync window may stay open for appends that are still
 *     writing; the window closes earlier as soon as no append is mid-write, so a lone appender
 *     never waits for it. 2 ms by default
 * @param checkpointsToKeep how many checkpoints per session survive pruning; 3 by default
 */
public record FileJournalOptions(
        Durability durability, Duration groupCommitMaxWait, int checkpointsToKeep) {

    /** Validates the components. */
    public FileJournalOptions {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(groupCommitMaxWait, "groupCommitMaxWait");
        if (groupCommitMaxWait.isNegative()) {
            throw new IllegalArgumentException("groupCommitMaxWait must not be negative");
        }
        if (checkpointsToKeep < 1) {
            throw new IllegalArgumentException(
                    "checkpointsToKeep must be >= 1, was " + checkpointsToKeep);
        }
    }

    /**
     * The defaults: fsync with group commit, a 2 ms window, 3 checkpoints kept.
     *
     * @return the default options
     */
    public static FileJournalOptions defaults() {
        return new FileJournalOptions(Durability.FSYNC_GROUP_COMMIT, Duration.ofMillis(2), 3);
    }

    /**
     * A copy with another durability mode.
     *
     * @param newDurability the mode
     * @return the changed options
     */
    public FileJournalOptions withDurability(Durability newDurability) {
        return new FileJournalOptions(newDurability, groupCommitMaxWait, checkpointsToKeep);
    }

    /**
     * A copy with another group-commit window.
     *
     * @param newMaxWait the longest a window stays open for appends still writing
     * @return the changed options
     */
    public FileJournalOptions withGroupCommitMaxWait(Duration newMaxWait) {
        return new FileJournalOptions(durability, newMaxWait, checkpointsToKeep);
    }

    /**
     * A copy with another checkpoint retention.
     *
     * @param newCheckpointsToKeep how many checkpoints per session survive pruning
     * @return the changed options
     */
    public FileJournalOptions withCheckpointsToKeep(int newCheckpointsToKeep) {
        return new FileJournalOptions(durability, groupCommitMaxWait, newCheckpointsToKeep);
    }
}
