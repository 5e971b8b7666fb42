package dev.turnstile.host.store;

/**
 * Counters of one journal since it was opened. With group commit, {@code fileSyncs} and {@code
 * syncWindows} stay below {@code appends} when concurrent appends share syncs.
 *
 * @param appends appends that returned successfully
 * @param fileSyncs {@code FileChannel.force} calls that made journal appends durable (at most one
 *     per file per sync window, plus one when a writer closes)
 * @param syncWindows group-commit rounds, each syncing every file dirtied since the previous one
 * @param directorySyncs directory syncs that made file creations, renames and moves durable
 *     (journals and checkpoints)
 */
public record JournalStats(long appends, long fileSyncs, long syncWindows, long directorySyncs) {}
