package dev.turnstile.conformance.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the test saw of one store over all its child processes: every acknowledged message, the
 * journal bytes found after each kill, and the digests the last child printed.
 */
final class StoreHistory {

    /** Script step {@code step} of {@code session} was acknowledged as durable at journal sequence {@code sequence}. */
    record Ack(String session, long sequence, int step) {}

    final int store;
    final Path directory;
    final List<String> sessionIds;
    final List<Ack> acks = new ArrayList<>();
    /** Per kill, per session: the journal's bytes up to its last newline right after the kill. */
    final List<Map<String, byte[]>> journalsAfterKills = new ArrayList<>();
    /** DONE digests of the child that finished the store (earlier children's may be stale). */
    final Map<String, String> finalDigests = new TreeMap<>();
    int children;
    int kills;
    int killsBeforeReady;
    int resumes;
    /** Journal lines cut short by a kill and removed when the next child opened the session (from its log). */
    int tornTailsRepaired;
    /** Checkpoints a child found damaged and skipped (from its log). */
    int damagedCheckpointsSkipped;

    StoreHistory(int store, Path directory) {
        this.store = store;
        this.directory = directory;
        this.sessionIds = CrashScript.sessionIds(store);
    }

    Path journalStore() {
        return directory.resolve("journal");
    }

    Path ledgers() {
        return directory.resolve("ledgers");
    }

    /** The journal file of a session, per the store's documented layout (host/store/package-info.java). */
    Path journalFile(String sessionId) {
        return journalStore().resolve("sessions").resolve(sessionId).resolve("journal.jsonl");
    }
}
