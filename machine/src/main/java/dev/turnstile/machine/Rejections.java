package dev.turnstile.machine;

import dev.turnstile.machine.Input.ApprovalDecided;

/** Reasons for rejected inputs, worded for the person reading the event log. */
final class Rejections {

    private Rejections() {}

    static String notAwaited(SessionState state, EffectId id) {
        if (id.value() > state.lastEffectId()) {
            return "unknown effect " + id + ": no such effect was issued (last issued: e" + state.lastEffectId() + ")";
        }
        return "effect " + id + " is not awaited in phase " + Transitions.phaseName(state.phase())
                + ": it was already answered, abandoned, timed out, or belongs to a finished turn";
    }

    static String approvalNotPending(SessionState state, ApprovalDecided decided) {
        return state.approvals().find(a -> a.approvalId().equals(decided.approvalId()))
                .map(a -> "approval " + a.approvalId() + " was already resolved (" + a.decision()
                        + (a.expired() ? ", expired" : a.principal().isEmpty() ? "" : " by " + a.principal()) + ")")
                .getOrElse(() -> "unknown approval " + decided.approvalId() + ": no such approval is pending");
    }
}
