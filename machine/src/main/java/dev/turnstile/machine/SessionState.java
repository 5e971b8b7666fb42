package dev.turnstile.machine;

import dev.turnstile.model.Message;
import dev.turnstile.model.Usage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the machine knows about a session: an immutable value, so any state can be kept,
 * compared, snapshotted and resumed. Produced only by {@link TurnMachine#start} and
 * {@link TurnMachine#step}.
 *
 * @param sessionId chosen by the caller
 * @param labels identity labels, unchanged for the session's life
 * @param now the latest input instant seen; never goes backwards
 * @param prng the session's random generator
 * @param lastEffectId the last effect id issued, 0 before the first
 * @param turn the current or last turn number, 0 before the first turn
 * @param approvalsIssued counter for approval ids
 * @param phase what the session waits for
 * @param turnProgress the running turn's counters, present exactly when a turn runs
 * @param transcript every message, oldest first; nothing is ever removed
 * @param queued user messages waiting for a round boundary or the end of the turn
 * @param idempotencyKeys user message keys seen, to reject duplicates
 * @param sessionMeter consumption over the session's life
 * @param usageByModel reported usage per model name
 * @param promptEstimate size of the next prompt, for budget checks
 * @param approvals who decided which approval, for audit
 * @param lastOutcome the outcome of the last finished turn
 */
public record SessionState(
        String sessionId,
        Labels labels,
        Instant now,
        Prng prng,
        long lastEffectId,
        int turn,
        int approvalsIssued,
        Phase phase,
        Option<TurnProgress> turnProgress,
        Vector<Message> transcript,
        Vector<QueuedMessage> queued,
        TreeSet<String> idempotencyKeys,
        Meter sessionMeter,
        TreeMap<String, Usage> usageByModel,
        PromptEstimate promptEstimate,
        Vector<ApprovalRecord> approvals,
        Option<Outcome> lastOutcome) {

    /** Validates fields. */
    public SessionState {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(prng, "prng");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(turnProgress, "turnProgress");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
        Objects.requireNonNull(sessionMeter, "sessionMeter");
        Objects.requireNonNull(usageByModel, "usageByModel");
        Objects.requireNonNull(promptEstimate, "promptEstimate");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
    }

    /** Whether a turn is running. */
    public boolean turnRunning() {
        return !(phase instanceof Phase.AwaitingUser);
    }

    SessionState withNow(Instant value) {
        return new SessionState(sessionId, labels, value, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withPrng(Prng value) {
        return new SessionState(sessionId, labels, now, value, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withLastEffectId(long value) {
        return new SessionState(sessionId, labels, now, prng, value, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withTurn(int value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, value, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withApprovalsIssued(int value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, value, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withPhase(Phase value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, value,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withTurnProgress(Option<TurnProgress> value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                value, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withTranscript(Vector<Message> value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, value, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withQueued(Vector<QueuedMessage> value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, value, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withIdempotencyKeys(TreeSet<String> value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, value, sessionMeter, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withSessionMeter(Meter value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, value, usageByModel, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withUsageByModel(TreeMap<String, Usage> value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, value, promptEstimate,
                approvals, lastOutcome);
    }

    SessionState withPromptEstimate(PromptEstimate value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, value,
                approvals, lastOutcome);
    }

    SessionState withApprovals(Vector<ApprovalRecord> value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                value, lastOutcome);
    }

    SessionState withLastOutcome(Option<Outcome> value) {
        return new SessionState(sessionId, labels, now, prng, lastEffectId, turn, approvalsIssued, phase,
                turnProgress, transcript, queued, idempotencyKeys, sessionMeter, usageByModel, promptEstimate,
                approvals, value);
    }
}
