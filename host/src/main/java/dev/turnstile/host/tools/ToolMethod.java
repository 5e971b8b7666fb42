package dev.turnstile.host.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a tool for {@link Tools#fromObject(Object)}. Its parameters become the tool's
 * arguments (see {@link Param}); its return value becomes the tool's output.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ToolMethod {

    /** The tool name the model calls; the method name when empty. */
    String name() default "";

    /** What the tool does, for the model. */
    String description();

    /**
     * Whether running the same call twice is harmless. Only idempotent tools are re-run after a crash;
     * any other call in flight then is answered {@code interrupted: outcome unknown}.
     */
    boolean idempotent() default false;
}
