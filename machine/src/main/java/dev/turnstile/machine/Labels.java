package dev.turnstile.machine;

import java.util.Objects;

/**
 * Identity labels set when a session starts and carried unchanged on every event and every effect
 * that leaves the machine, so that hosts can route, bill and audit without a side table.
 *
 * @param tenant the tenant owning the session
 * @param principal who started the session
 * @param agentTemplate which agent definition the session runs
 * @param correlationId an id from the caller's system for tracing
 */
public record Labels(String tenant, String principal, String agentTemplate, String correlationId) {
    /** No labels (empty strings). */
    public static final Labels NONE = new Labels("", "", "", "");

    /** Validates fields. */
    public Labels {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(agentTemplate, "agentTemplate");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
