package dev.turnstile.host.tools;

import dev.turnstile.host.ToolInvocation;
import tools.jackson.databind.JsonNode;

/**
 * The body of a lambda tool that also needs its {@link ToolInvocation}: the idempotency key to
 * deduplicate side effects, the session's identity labels, or the cancellation signal.
 */
@FunctionalInterface
public interface InvocationToolFunction {

    /**
     * Runs the tool.
     *
     * @param arguments the arguments object, already checked against the tool's schema by the machine
     * @param invocation the call, its idempotency key, labels and cancellation
     * @return the output: a {@code String} as is, {@code null} as empty, anything else written as JSON
     * @throws Exception any failure; the model is told its message
     */
    Object apply(JsonNode arguments, ToolInvocation invocation) throws Exception;
}
