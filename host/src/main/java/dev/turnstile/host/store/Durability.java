package dev.turnstile.host.store;

/** When {@link JournalWriter#append} returns relative to the entry reaching stable storage. */
public enum Durability {

    /**
     * The default. {@code append} returns after the entry was written and {@code
     * FileChannel.force(false)} (fdatasync) completed on its file. Concurrent appends from any
     * sessions and threads share sync windows: one committer thread syncs every dirty file once per
     * window and then releases all appenders that wrote before the window closed. Survives process
     * crashes and power loss.
     */
    FSYNC_GROUP_COMMIT,

    /**
     * For tests and benchmarks only. {@code append} returns after the entry was handed to the
     * operating system, without syncing. Survives a process crash but not an operating system crash
     * or power loss. Closing a writer or the journal still syncs.
     */
    NO_FSYNC
}
