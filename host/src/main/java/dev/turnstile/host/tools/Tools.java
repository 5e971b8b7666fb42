package dev.turnstile.host.tools;

import dev.turnstile.host.Tool;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolSpec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link Tool}s from lambdas and from annotated methods; see the package documentation for the
 * supported types and an example.
 */
public final class Tools {

    private Tools() {}

    /**
     * A blocking tool from a lambda over its arguments, not idempotent (see
     * {@link FunctionTool#idempotent(boolean)}).
     *
     * @param inputSchema the JSON schema of the arguments object; the machine checks every call against
     *     it before the tool runs
     */
    public static FunctionTool of(String name, String description, Json inputSchema, ToolFunction function) {
        Objects.requireNonNull(function, "function");
        return of(name, description, inputSchema, (arguments, invocation) -> function.apply(arguments));
    }

    /** A blocking tool from a lambda that also receives its {@link dev.turnstile.host.ToolInvocation}. */
    public static FunctionTool of(String name, String description, Json inputSchema, InvocationToolFunction function) {
        return new FunctionTool(new ToolSpec(name, description, inputSchema, false), function);
    }

    /**
     * One tool per {@link ToolMethod} of {@code target} (its class and superclasses, any visibility),
     * sorted by tool name so that the order, and with it every request to the model, is stable.
     *
     * @throws IllegalArgumentException naming the method and parameter when a signature cannot be
     *     turned into a tool, when two tools share a name, or when there is no annotated method
     */
    public static List<Tool> fromObject(Object target) {
        Objects.requireNonNull(target, "target");
        List<MethodTool> tools = new ArrayList<>();
        for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                ToolMethod annotation = method.getAnnotation(ToolMethod.class);
                if (annotation != null && !method.isBridge()) {
                    tools.add(new MethodTool(target, method, annotation));
                }
            }
        }
        if (tools.isEmpty()) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no @ToolMethod methods");
        }
        tools.sort(Comparator.comparing(t -> t.spec().name()));
        for (int i = 1; i < tools.size(); i++) {
            if (tools.get(i).spec().name().equals(tools.get(i - 1).spec().name())) {
                throw new IllegalArgumentException("two @ToolMethod methods of " + target.getClass().getName()
                        + " are named \"" + tools.get(i).spec().name() + "\"");
            }
        }
        return List.copyOf(tools);
    }

    /** The specs of some tools, for {@link dev.turnstile.machine.MachineConfig.Builder#tools}. */
    public static io.vavr.collection.Vector<ToolSpec> specs(List<? extends Tool> tools) {
        return io.vavr.collection.Vector.ofAll(tools).map(Tool::spec);
    }
}
