package dev.turnstile.machine;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Transcript metadata: who decided an approval, when and how. Kept for the session's life so an
 * audit can tie every approved tool run to a principal.
 */
public record ApprovalRecord(String approvalId, int turn, String toolCallId, String toolName, Decision decision,
        String principal, String reason, boolean expired, Option<String> editedArgumentsJson, Instant decidedAt) {
    /** Validates fields. */
    public ApprovalRecord {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(editedArgumentsJson, "editedArgumentsJson");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
