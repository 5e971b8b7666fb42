package dev.turnstile.host;

import dev.turnstile.machine.Labels;
import dev.turnstile.model.ToolCall;
import java.util.Objects;

/**
 * One run of a tool.
 *
 * @param call the call; its arguments are valid JSON satisfying the tool's schema
 * @param idempotencyKey the same when an idempotent tool is re-run after a crash; use it to deduplicate
 * @param labels the session's identity labels (tenant, principal, …)
 * @param cancellation set when the run is abandoned (deadline, cancel, shutdown)
 */
public record ToolInvocation(ToolCall call, String idempotencyKey, Labels labels, Cancellation cancellation) {
    /** Validates fields. */
    public ToolInvocation {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(cancellation, "cancellation");
    }
}
