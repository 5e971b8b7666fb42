package dev.turnstile.host.tools;

import dev.turnstile.host.BlockingTool;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.model.ToolSpec;
import java.util.Objects;

/**
 * A tool made from a lambda by {@link Tools#of}. Immutable: {@link #idempotent(boolean)} returns a copy.
 */
public final class FunctionTool implements BlockingTool {

    private final ToolSpec spec;
    private final InvocationToolFunction function;

    FunctionTool(ToolSpec spec, InvocationToolFunction function) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.function = Objects.requireNonNull(function, "function");
        if (!spec.inputSchema().isObject()) {
            throw new IllegalArgumentException("the schema of tool \"" + spec.name() + "\" must be a JSON object");
        }
    }

    /**
     * This tool, declared idempotent or not. Only idempotent tools are re-run after a crash (with the
     * same idempotency key); others in flight then are answered {@code interrupted: outcome unknown}.
     */
    public FunctionTool idempotent(boolean value) {
        return new FunctionTool(new ToolSpec(spec.name(), spec.description(), spec.inputSchema(), value), function);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public String run(ToolInvocation invocation) throws Exception {
        var arguments = ToolJson.parseArguments(spec.name(), invocation.call().argumentsJson());
        return ToolJson.output(function.apply(arguments, invocation));
    }

    @Override
    public String toString() {
        return "FunctionTool[" + spec.name() + (spec.idempotent() ? ", idempotent" : "") + "]";
    }
}
