package dev.turnstile.machine;

/** What the tool permission policy says about a call. Deny beats allow beats ask. */
public enum PermissionVerdict {
    /** Run without asking. */
    ALLOW,
    /** Ask a human first ({@link Effect.RequestApproval}). */
    ASK,
    /** Never run; the model gets a {@code denied by policy} error result. */
    DENY
}
