package dev.turnstile.conformance.crash;

/** Counts over every store of a crash test run, printed as its summary. */
final class CrashTally {

    int stores;
    int sessions;
    int children;
    int kills;
    int killsBeforeReady;
    int resumes;
    int tornTailsRepaired;
    int damagedCheckpointsSkipped;
    int recoveredInputs;
    int modelCallsReissued;
    int interruptedCharges;
    int interruptedAfterSideEffect;
    int chargeRuns;
    int lookupRuns;
    int idempotentReissues;
    int duplicateIdempotentRuns;
    int ackedMessages;
    int duplicateMessagesRejected;
    int turns;
    long journalRecords;

    void add(StoreHistory history) {
        stores++;
        sessions += history.sessionIds.size();
        children += history.children;
        kills += history.kills;
        killsBeforeReady += history.killsBeforeReady;
        resumes += history.resumes;
        tornTailsRepaired += history.tornTailsRepaired;
        damagedCheckpointsSkipped += history.damagedCheckpointsSkipped;
        ackedMessages += history.acks.size();
    }

    String summary(long seed, long elapsedMillis) {
        return String.format("""
                crash test (seed %d): %d SIGKILLs (%d before every session was open again, %d mid-session) \
                over %d sessions in %d stores, %d child JVMs, %.1f s
                  recoveries: %d resume() calls, %d Recovered inputs journaled, %d model calls re-issued, \
                %d torn journal tails repaired, %d damaged checkpoints skipped
                  non-idempotent tool: %d runs, %d answered "interrupted: outcome unknown" (%d of them after \
                their side effect, %d before), never run twice
                  idempotent tool: %d runs, %d re-issued after a crash, %d duplicate ledger lines (same key)
                  user messages: %d acknowledged, all delivered once; %d duplicate keyed sends rejected
                  %d turns, all Completed; %d journal records, every journal replays Verified""",
                seed, kills, killsBeforeReady, kills - killsBeforeReady, sessions, stores, children,
                elapsedMillis / 1000.0, resumes, recoveredInputs, modelCallsReissued, tornTailsRepaired,
                damagedCheckpointsSkipped, chargeRuns,
                interruptedCharges, interruptedAfterSideEffect, interruptedCharges - interruptedAfterSideEffect,
                lookupRuns, idempotentReissues, duplicateIdempotentRuns, ackedMessages, duplicateMessagesRejected,
                turns, journalRecords);
    }
}
