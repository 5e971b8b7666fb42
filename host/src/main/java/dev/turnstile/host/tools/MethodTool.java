package dev.turnstile.host.tools;

import dev.turnstile.host.BlockingTool;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.model.ToolSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** A tool backed by one {@link ToolMethod} of an object; built by {@link Tools#fromObject}. */
final class MethodTool implements BlockingTool {

    private final Object target;
    private final Method method;
    private final MethodBinder binder;
    private final ToolSpec spec;

    MethodTool(Object target, Method method, ToolMethod annotation) {
        this.target = Modifier.isStatic(method.getModifiers()) ? null : target;
        this.method = method;
        String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
        this.binder = new MethodBinder(name, method);
        this.spec = new ToolSpec(name, annotation.description(), ToolSchemas.argumentsSchema(binder.properties()),
                annotation.idempotent());
        if (!method.canAccess(this.target)) {
            method.setAccessible(true);
        }
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public String run(ToolInvocation invocation) throws Exception {
        Object[] arguments = binder.bind(invocation);
        Object result;
        try {
            result = method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            // The tool's own exception, not the reflection wrapper, is what the model should hear about.
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
        return method.getReturnType() == void.class ? "" : ToolJson.output(result);
    }

    @Override
    public String toString() {
        return "MethodTool[" + spec.name() + " = " + MethodBinder.describe(method) + "]";
    }
}
