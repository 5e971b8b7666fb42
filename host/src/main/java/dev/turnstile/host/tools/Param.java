package dev.turnstile.host.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names and describes one argument of a {@link ToolMethod}, or describes one component of a record
 * used as an argument type.
 *
 * <p>On a method parameter, {@link #name()} is the argument's JSON property name. It may be left
 * empty only when the class was compiled with {@code -parameters}, so that the parameter's own name
 * is known. On a record component the property name is always the component's name (what Jackson
 * binds), so {@link #name()} must be empty or equal to it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Param {

    /** The JSON property name; see the type's documentation for when it may be empty. */
    String name() default "";

    /** What the argument means, for the model; empty for none. */
    String description() default "";
}
