package dev.turnstile.host;

import dev.turnstile.model.ToolSpec;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A tool the model may call. Most tools are blocking functions: implement {@link BlockingTool} (or
 * use {@link dev.turnstile.host.tools.Tools}) and the runtime runs them on its blocking executor (virtual threads in the
 * blocking runtime, a bounded pool off the event loop in the Netty runtime). Asynchronous tools
 * implement this interface directly.
 *
 * <p>A tool reports failure by completing exceptionally: {@link ToolArgumentsException} means the
 * arguments could not be bound, anything else is a tool error. Either way the model is told.
 */
public interface Tool {

    /** Name, description, argument schema and idempotency, as offered to the model. */
    ToolSpec spec();

    /**
     * Runs the tool.
     *
     * @param invocation the call, its idempotency key and cancellation signal
     * @param blockingExecutor where blocking work must run (never the caller's thread)
     * @return the output text the model will see
     */
    CompletionStage<String> invoke(ToolInvocation invocation, Executor blockingExecutor);
}
