package dev.turnstile.conformance.sim;

import java.util.Optional;
import java.util.function.Function;

/**
 * An extra rule checked after every step, next to the built-in {@link Invariant}s: how users of
 * the simulator state what their agent must never do (e.g. "never more than 2 rounds per turn").
 */
public interface Property {

    /** A stable name; the shrinker keeps a failure "the same" while this property breaks. */
    String name();

    /** Empty when the step is fine, else what is wrong. */
    Optional<String> check(ObservedStep step);

    /** A property from a name and a check. */
    static Property of(String name, Function<ObservedStep, Optional<String>> check) {
        return new Property() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> check(ObservedStep step) {
                return check.apply(step);
            }
        };
    }
}
